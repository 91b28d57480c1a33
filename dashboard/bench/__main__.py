import sys

from dashboard.bench import main

sys.exit(main())
