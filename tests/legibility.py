"""Whether a drawn chart's words can be read: no label lies on another, none is cut off at the
chart's edge. Measured in the browser on the text plotly drew (bounding boxes), so it holds for
whatever the data made of the chart: more years, more measurements, longer names."""

# Every visible text of every chart on the page (ticks, legend, titles, annotations, point labels;
# not the hover layer), and the chart's own box. Two texts overlap when their boxes share more than
# a sliver (2 px both ways); a text is clipped when it reaches outside the chart's box.
LEGIBILITY_JS = """() => [...document.querySelectorAll('.plotly-graph-div')].map(div => {
  const outer = div.getBoundingClientRect();
  const texts = [...div.querySelectorAll('svg text')]
    .filter(t => !t.closest('.hoverlayer') && t.textContent.trim())
    .filter(t => { const s = getComputedStyle(t);
                   return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0
                     && Number(s.fillOpacity) > 0; })
    .map(t => { const r = t.getBoundingClientRect();
                return {text: t.textContent.trim().slice(0, 60), left: r.left, right: r.right,
                        top: r.top, bottom: r.bottom}; })
    .filter(r => r.right - r.left > 0 && r.bottom - r.top > 0);
  const overlaps = [];
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i], b = texts[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 2) overlaps.push([a.text, b.text]);
    }
  const clipped = texts.filter(r => r.left < outer.left - 1 || r.right > outer.right + 1
                                    || r.top < outer.top - 1 || r.bottom > outer.bottom + 1)
                       .map(r => r.text);
  const title = div.querySelector('.gtitle');
  return {id: div.id, title: title ? title.textContent : '', texts: texts.length, overlaps, clipped};
})"""


def illegible(charts: list[dict], where: str = "") -> list[str]:
    """One line per overlap or clipped text, naming the chart by its title."""
    problems = []
    for chart in charts:
        name = f"{where} {chart['title'] or chart['id']!r}".strip()
        problems += [f"{name}: {a!r} lies on {b!r}" for a, b in chart["overlaps"]]
        problems += [f"{name}: {text!r} is cut off at the chart's edge" for text in chart["clipped"]]
    return problems
