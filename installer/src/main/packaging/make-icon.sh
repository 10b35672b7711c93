#!/bin/sh
# Draws ums-console.png (256x256), the icon of the installed app: a monitor with a live "shadow" cursor.
# Run from this directory after changing it; the PNG is committed so builds need no ImageMagick.
set -e
convert -size 256x256 xc:none \
  -fill '#1e3a8a' -draw 'roundrectangle 8,8 248,248 44,44' \
  -fill '#0f766e' -draw 'roundrectangle 8,132 248,248 44,44' -draw 'rectangle 8,132 248,200' \
  -fill '#f9fafb' -draw 'roundrectangle 40,52 216,172 12,12' \
  -fill '#111827' -draw 'rectangle 52,64 204,160' \
  -fill '#34d399' -draw 'rectangle 60,72 132,100' \
  -fill '#f59e0b' -draw 'rectangle 60,108 196,116' -draw 'rectangle 60,124 170,132' \
  -fill '#f9fafb' -draw 'rectangle 112,172 144,196' -draw 'roundrectangle 80,192 176,206 6,6' \
  -fill '#ef4444' -stroke '#111827' -strokewidth 3 -draw 'polygon 150,84 150,132 162,120 172,142 180,138 170,116 186,116' \
  ums-console.png
