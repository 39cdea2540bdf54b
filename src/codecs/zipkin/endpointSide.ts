import { ZIPKIN_LOCAL_ENDPOINT_IPV4, ZIPKIN_LOCAL_ENDPOINT_IPV6, ZIPKIN_REMOTE_ENDPOINT_IPV4, ZIPKIN_REMOTE_ENDPOINT_IPV6 } from '../../model/attributeNames.js';
import { NETWORK_LOCAL_ADDRESS, NETWORK_LOCAL_PORT, NETWORK_PEER_ADDRESS, NETWORK_PEER_PORT, NET_HOST_IP, NET_HOST_PORT, NET_PEER_IP, NET_PEER_PORT } from './tagNames.js';

/** The attribute names one endpoint maps to (spec section 7.10, current-semconv column), with legacy fallbacks. */
export interface EndpointSide {
  address: string;
  port: string;
  ipv4: string;
  ipv6: string;
  legacyAddress: string;
  legacyPort: string;
}

export const LOCAL_SIDE: EndpointSide = { address: NETWORK_LOCAL_ADDRESS, port: NETWORK_LOCAL_PORT, ipv4: ZIPKIN_LOCAL_ENDPOINT_IPV4, ipv6: ZIPKIN_LOCAL_ENDPOINT_IPV6, legacyAddress: NET_HOST_IP, legacyPort: NET_HOST_PORT };
export const REMOTE_SIDE: EndpointSide = { address: NETWORK_PEER_ADDRESS, port: NETWORK_PEER_PORT, ipv4: ZIPKIN_REMOTE_ENDPOINT_IPV4, ipv6: ZIPKIN_REMOTE_ENDPOINT_IPV6, legacyAddress: NET_PEER_IP, legacyPort: NET_PEER_PORT };
