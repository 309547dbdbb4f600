"""Offline replay of the union portals: generated sites served by a real HTTP server on 127.0.0.1.

A replay URL is `<REPLAY_URL>/<portal host><path>?<query>`; crawler.replay_handler rewrites portal
requests to it, so spiders run unchanged. Each portal is one `ReplaySite` subclass in this package,
listed in `crawler.replay.registry.SITE_CLASSES`.
"""
