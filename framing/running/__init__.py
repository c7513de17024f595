"""Running the flow: in this process (inprocess.py), on a local process pool streaming into the store
(local.py), or on a Dask cluster (dask_engine.py); ``load`` opens earlier results or analyses now."""
