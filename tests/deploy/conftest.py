def pytest_configure(config):
    config.addinivalue_line("markers", "slow: starts several real processes (dashboards, a reverse proxy, a refresh)")
