#!/usr/bin/env python3
"""Writes the gateway's Great Britain outline (GeoJSON MultiLineString) from GSHHG's low
resolution shorelines as Debian's gmt-gshhg-low ships them (/usr/share/gmt-gshhg/
binned_GSHHS_l.nc, LGPL-3+, The GMT Team / Wessel & Smith). Run once; the output is committed:

    Tools/Outline/make-gb-outline.py > Services/Gateway/GatewayService/Page/gb-outline.geojson

Needs h5py (pip) to read the netCDF-4 file. The binned format: each 10-degree bin holds
segments of shoreline whose points are offsets from the bin's south-west corner in 1/65535 of
the bin size; a segment's info word carries its point count (bits 9 and up) and its level
(bits 6-8; 1 is land against ocean).
"""
import json
import sys

import h5py
import numpy as np

SOURCE = "/usr/share/gmt-gshhg/binned_GSHHS_l.nc"
WEST, SOUTH, EAST, NORTH = -11.0, 49.0, 2.5, 61.0  # Great Britain, Ireland's east coast, Shetland


def main():
    f = h5py.File(SOURCE, "r")
    size = f["Bin_size_in_minutes"][0] / 60.0
    nx = int(f["N_bins_in_360_longitude_range"][0])
    first_segment = f["Id_of_first_segment_in_a_bin"][:]
    n_segments = f["N_segments_in_a_bin"][:]
    info = f["Embedded_npts_levels_exit_entry_for_a_segment"][:]
    first_point = f["Id_of_first_point_in_a_segment"][:]
    dx = f["Relative_longitude_from_SW_corner_of_bin"][:].astype(np.uint16)
    dy = f["Relative_latitude_from_SW_corner_of_bin"][:].astype(np.uint16)
    lines = []
    for b in range(len(first_segment)):
        west = (b % nx) * size
        south = 90.0 - (b // nx + 1) * size
        for s in range(first_segment[b], first_segment[b] + n_segments[b]):
            npts = int(info[s]) >> 9
            level = (int(info[s]) >> 6) & 7
            if level != 1:
                continue
            p = first_point[s]
            line = []
            for k in range(p, p + npts):
                lon = west + dx[k] / 65535.0 * size
                lat = south + dy[k] / 65535.0 * size
                if lon > 180:
                    lon -= 360
                if WEST <= lon <= EAST and SOUTH <= lat <= NORTH:
                    line.append([round(lon, 3), round(lat, 3)])
                else:
                    if len(line) > 1:
                        lines.append(line)
                    line = []
            if len(line) > 1:
                lines.append(line)
    doc = {
        "type": "Feature",
        "properties": {
            "name": "Great Britain coastline (outline)",
            "source": "GSHHG 2.3.7 low resolution, Debian package gmt-gshhg-low",
            "licence": "LGPL-3.0-or-later; (c) The GMT Team, Wessel and Smith",
        },
        "geometry": {"type": "MultiLineString", "coordinates": lines},
    }
    json.dump(doc, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
