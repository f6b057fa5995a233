"""The Republic of China calendar, as Taiwanese dates write years (民國108年, 108年5月): year 1 is 1912.

Its own module so that the event reader can use it without importing the cleaner (and trafilatura)."""

ROC_EPOCH = 1911  # 民國108年 is 1911 + 108 = 2019
