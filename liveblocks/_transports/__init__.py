"""The transports' code. Import them from :mod:`liveblocks.transports`; the SDK loads
requests only for a sync client and aiohttp only for an async one."""
