from kapextract.cli import main

raise SystemExit(main())
