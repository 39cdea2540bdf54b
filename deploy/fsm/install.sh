#!/bin/sh
# Installs FSM with sidecar tracing sent to Spanbridge's Zipkin receiver (deploy/fsm/README.md).
# Spanbridge's Service must exist as spanbridge.spanbridge.svc.cluster.local:9411 (deploy/kubernetes or the Helm chart).
# Extra arguments are passed to `fsm install` (e.g. --mesh-name, --fsm-namespace).
set -eu
fsm install \
  --set=fsm.tracing.enable=true \
  --set=fsm.tracing.address=spanbridge.spanbridge.svc.cluster.local \
  --set=fsm.tracing.port=9411 \
  --set=fsm.tracing.endpoint=/api/v2/spans \
  "$@"
