"""How a batch is spread over processes (local) or a cluster (dask)."""
