"""The selection itself: a client's requirements, the criteria grid derived from the catalog,
knock-outs, weights and explained evaluations. Pure: no web or database code here.
"""
