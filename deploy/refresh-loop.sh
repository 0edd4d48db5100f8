#!/usr/bin/env bash
# The scheduled refresh: download the chosen profiles from Fingertips into the shared store, then wait.
# Every successful write publishes a new snapshot; a failed refresh changes nothing and the dashboards keep
# showing the last snapshot. Variables (all optional):
#   HEP_REFRESH_PROFILES      profile keys, space-separated (default: public-health-outcomes-framework)
#   HEP_REFRESH_AREA_TYPES    area type ids (default: "502 501": counties & UAs, districts & UAs)
#   HEP_REFRESH_EVERY_HOURS   hours between refreshes (default: 24; 0 = refresh once and exit, for cron/timers)
set -uo pipefail
profiles=${HEP_REFRESH_PROFILES:-public-health-outcomes-framework}
types=${HEP_REFRESH_AREA_TYPES:-502 501}
every=${HEP_REFRESH_EVERY_HOURS:-24}
while true; do
  for profile in $profiles; do
    for type in $types; do
      echo "$(date -u +%FT%TZ) refreshing $profile for area type $type"
      python -m loading refresh --profile "$profile" --area-type "$type" \
        || echo "$(date -u +%FT%TZ) refresh of $profile ($type) failed; the dashboards keep the last snapshot" >&2
    done
  done
  [ "$every" = 0 ] && exit 0
  sleep $(( every * 3600 ))
done
