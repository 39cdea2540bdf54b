"""Two services traced with the real py_zipkin, reporting to a Zipkin receiver.

Usage: /usr/bin/python3 py_zipkin_two_services.py <receiver base URL> <v1|v2>

"front" serves GET /checkout in a root SERVER span and calls "inventory" in a CLIENT span, passing the B3 headers of
py_zipkin's create_http_headers_for_new_span. "inventory" joins the trace from those headers in a SERVER span
(which py_zipkin marks shared, with the new span id the headers carried) and fails: py_zipkin adds the error tag. Each
service reports with a transport that POSTs to /api/v1/spans (V1 JSON) or /api/v2/spans (V2 JSON) when its own span
ends, so inventory's span arrives before front's. Prints the trace id.
"""
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

from py_zipkin import Encoding, Kind
from py_zipkin.transport import BaseTransportHandler
from py_zipkin.zipkin import ZipkinAttrs, create_http_headers_for_new_span, zipkin_span

BASE_URL, VERSION = sys.argv[1], sys.argv[2]
ENCODING = Encoding.V1_JSON if VERSION == 'v1' else Encoding.V2_JSON
SPANS_PATH = '/api/v1/spans' if VERSION == 'v1' else '/api/v2/spans'


class PostToReceiver(BaseTransportHandler):
    def get_max_payload_bytes(self):
        return None

    def send(self, payload):
        body = payload.encode('utf-8') if isinstance(payload, str) else payload
        request = urllib.request.Request(BASE_URL + SPANS_PATH, data=body, method='POST', headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status != 202:
                raise RuntimeError('receiver answered %d' % response.status)


TRANSPORT = PostToReceiver()


class Inventory(BaseHTTPRequestHandler):
    def do_GET(self):
        headers = self.headers
        attrs = ZipkinAttrs(
            trace_id=headers['X-B3-TraceId'],
            span_id=headers['X-B3-SpanId'],
            parent_span_id=headers['X-B3-ParentSpanId'],
            flags=headers['X-B3-Flags'],
            is_sampled=headers['X-B3-Sampled'] == '1',
        )
        try:
            with zipkin_span(service_name='inventory', span_name='GET /stock', zipkin_attrs=attrs, transport_handler=TRANSPORT,
                             kind=Kind.SERVER, encoding=ENCODING, host='127.0.0.1', port=self.server.server_port):
                raise ValueError('out of stock')
        except ValueError:
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b'out of stock')

    def log_message(self, *args):
        pass


def main():
    server = HTTPServer(('127.0.0.1', 0), Inventory)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with zipkin_span(service_name='front', span_name='GET /checkout', transport_handler=TRANSPORT, sample_rate=100.0,
                         kind=Kind.SERVER, encoding=ENCODING, host='127.0.0.1', port=8080) as root:
            with zipkin_span(service_name='front', span_name='GET /stock', kind=Kind.CLIENT):
                request = urllib.request.Request('http://127.0.0.1:%d/stock' % server.server_port, headers=create_http_headers_for_new_span())
                try:
                    urllib.request.urlopen(request, timeout=10).close()
                except urllib.error.HTTPError as e:
                    if e.code != 500:
                        raise
            trace_id = root.zipkin_attrs.trace_id
    finally:
        server.shutdown()
    print(trace_id)


main()
