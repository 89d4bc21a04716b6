"""Files and pictures for the office: JSON lines, CSV, xlsx, charts, the monthly report."""
