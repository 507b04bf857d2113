"""The workbook's number formats."""

MONEY = "#,##0"
PRICE = "#,##0.00"
SCORE = "0.0000"
PERCENT = "0.0%"
NUMBER = "#,##0.00"
RANK = "0.00"
YEARS = "0.0"
