# As the paper prints them: 2023年8月9日, 2023年8月, 8月9日 (Django's month-day pads the month: 08月9日).
DATE_FORMAT = "Y年n月j日"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
