"""The dashboards' fixed numbers.

`POINTS`: the two separately administered cities with offices of their own (reference.Prefecture kind
"pilot_city"), drawn as points on the province map (the map's outlines are the twelve leagues and cities, from the
echarts 4.9.0 package's map data): their longitude and latitude (WGS 84, degrees), from the cities' seats."""

POINTS = {
    "满洲里市": (117.38, 49.60),
    "二连浩特市": (111.98, 43.65),
}
