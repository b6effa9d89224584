"""批量社保规划 for staff: upload a file of households (Excel, CSV or Parquet), plan it on the
task queue with ``renshe plan-batch``'s own code, download the results as Excel."""
