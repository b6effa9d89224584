"""劳动监测预警: wage-arrears monitoring of construction projects.

Implements the 农民工工资支付监控预警平台 that 《保障农民工工资支付条例》（国务院令第724号）
第三十八条 asks county-level governments and above to build: the data of 第二十六条 (专户),
第二十九条 (人工费用拨付), 第三十一条 (总包代发), 第三十二条 (工资保证金) and complaints are
loaded into an analytical store, indicators are computed per project, contractor and month,
and warnings (yellow / orange / red) come out with the indicators that fired.

Core modules (no Django, checked by import-linter): ``geo``, ``schema``, ``demo``,
``ingest``, ``indicators``, ``engines``, ``warnings``, ``quality``, ``cli``. ``api`` (REST) and
``demo_load`` (the platform's demo data) are the Django side.
"""
