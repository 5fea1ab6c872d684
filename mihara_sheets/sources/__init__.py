"""Where grids of cell values come from: xlsx/xlsm files, CSV exports, a live xlwings book."""
