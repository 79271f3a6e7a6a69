import sys

from analysis.build.cli import main

sys.exit(main())
