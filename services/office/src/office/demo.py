"""Alias of the demo seed for `python -m office.demo` (what deploy/local/up.sh calls)."""
import asyncio

from office.entrypoints.demo import main

if __name__ == "__main__":
    asyncio.run(main())
