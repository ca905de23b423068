#!/usr/bin/env python3
"""Records the signed requests botocore builds, for the golden tests of the C++ clients.

For fixed inputs, credentials, region and clock, it captures what botocore would send (method,
path, query, headers, body) and the canonical request, string to sign and Authorization it
computes, without any network: a before-send hook answers every request locally. The outputs
in tests/data/golden/ are committed so the C++ tests need no Python.

Two services, one recorder (the protocol is the only real difference):
  ivs-realtime  each of the 39 operations (restJson1), inputs from tests/data/golden/inputs.json
                -> botocore-requests.json
  cloudwatch    GetMetricData and ListMetrics in awsJson1_0 -> botocore-cloudwatch-requests.json.
                botocore 1.43 prefers the model's first protocol (smithy-rpc-v2-cbor); Greenroom
                speaks the model's "json" protocol, which the official JavaScript SDK also uses,
                so the project's copy of the model (app/cloudwatch/data) is loaded with "json"
                as its only protocol.

Run: python3 tests/golden/record_botocore.py [ivs-realtime|cloudwatch]  (default: both)
"""
import datetime
import json
import os
import shutil
import sys
import tempfile

import botocore
import botocore.auth
import botocore.session
from botocore.awsrequest import AWSResponse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
GOLDEN = os.path.join(HERE, "..", "data", "golden")

CLOCK = datetime.datetime(2026, 1, 15, 12, 30, 45, tzinfo=datetime.timezone.utc)
REGION = "us-west-2"
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN+/="

STAGE = "AbCdEf123456"
CLOUDWATCH_INPUTS = [
    ("GetMetricData", {
        "MetricDataQueries": [{
            "Id": "bitrate",
            "MetricStat": {
                "Metric": {"Namespace": "AWS/IVSRealTime", "MetricName": "PublishBitrate",
                           "Dimensions": [{"Name": "Stage", "Value": STAGE},
                                          {"Name": "Participant", "Value": "pQrStUvWxYz1"},
                                          {"Name": "SimulcastLayer", "Value": "hi"},
                                          {"Name": "MediaType", "Value": "video"}]},
                "Period": 5, "Stat": "Average"},
        }, {
            "Id": "publishers",
            "MetricStat": {
                "Metric": {"Namespace": "AWS/IVSRealTime", "MetricName": "Publishers",
                           "Dimensions": [{"Name": "Stage", "Value": STAGE}]},
                "Period": 60, "Stat": "p99.5"},
            "Label": "publishers (p99.5)",
        }],
        "StartTime": 1768476645, "EndTime": 1768480245,
        "ScanBy": "TimestampAscending", "MaxDatapoints": 1000}),
    ("GetMetricData", {
        "MetricDataQueries": [{"Id": "loss", "MetricStat": {
            "Metric": {"Namespace": "AWS/IVSRealTime", "MetricName": "DownloadPacketLoss",
                       "Dimensions": [{"Name": "Stage", "Value": STAGE}]},
            "Period": 1, "Stat": "Maximum", "Unit": "Percent"}}],
        "StartTime": 1768476645, "EndTime": 1768480245, "NextToken": "page-2/with+odd=chars"}),
    ("ListMetrics", {"Namespace": "AWS/IVSRealTime"}),
    ("ListMetrics", {"Namespace": "AWS/IVSRealTime", "MetricName": "Publishers",
                     "Dimensions": [{"Name": "Stage", "Value": STAGE}, {"Name": "Participant"}],
                     "RecentlyActive": "PT3H", "NextToken": "tok"}),
]


def ivs_inputs(client):
    with open(os.path.join(GOLDEN, "inputs.json")) as f:
        inputs = json.load(f)
    missing = [n for n in client.meta.service_model.operation_names if n not in inputs]
    if missing:
        sys.exit(f"no input for {', '.join(missing)} in tests/data/golden/inputs.json")
    return [(name, inputs[name]) for name in sorted(client.meta.service_model.operation_names)]


# service: (output file, reply content type, model override (protocol) or None, inputs, extra)
SERVICES = {
    "ivs-realtime": ("botocore-requests.json", "application/json", None, ivs_inputs, {}),
    "cloudwatch": ("botocore-cloudwatch-requests.json", "application/x-amz-json-1.0", "json",
                   lambda client: CLOUDWATCH_INPUTS, {"protocol": "json"}),
}


def hook_signer(captured):
    """Keeps the canonical request and string to sign botocore computes."""
    botocore.auth.get_current_datetime = lambda *a, **k: CLOCK.replace(tzinfo=None)
    original_canonical = botocore.auth.SigV4Auth.canonical_request
    original_sts = botocore.auth.SigV4Auth.string_to_sign

    def canonical_request(self, request):
        captured["canonicalRequest"] = original_canonical(self, request)
        return captured["canonicalRequest"]

    def string_to_sign(self, request, creq):
        captured["stringToSign"] = original_sts(self, request, creq)
        return captured["stringToSign"]

    botocore.auth.SigV4Auth.canonical_request = canonical_request
    botocore.auth.SigV4Auth.string_to_sign = string_to_sign


def model_with_protocol(service, protocol, data_dir):
    """Writes the project's model of `service` with `protocol` as its only one into data_dir."""
    with open(os.path.join(ROOT, "app", service, "data", "service-2.json")) as f:
        model = json.load(f)
    model["metadata"]["protocol"] = protocol
    model["metadata"]["protocols"] = [protocol]
    target = os.path.join(data_dir, service, model["metadata"]["apiVersion"])
    os.makedirs(target)
    with open(os.path.join(target, "service-2.json"), "w") as f:
        json.dump(model, f)


def record(service, data_dir):
    out_name, content_type, protocol, inputs_of, extra = SERVICES[service]
    captured = {}
    hook_signer(captured)
    session = botocore.session.get_session()
    if protocol:
        model_with_protocol(service, protocol, data_dir)
        session.get_component("data_loader").search_paths.insert(0, data_dir)
    client = session.create_client(
        service, region_name=REGION, aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY, aws_session_token=SESSION_TOKEN)
    if protocol:
        assert client.meta.service_model.resolved_protocol == protocol

    def before_send(request, **kwargs):
        captured["request"] = request
        return AWSResponse(request.url, 200, {"Content-Type": content_type}, _Raw(b"{}"))

    client.meta.events.register(f"before-send.{service}", before_send)
    records = []
    for name, params in inputs_of(client):
        captured.clear()
        getattr(client, botocore.xform_name(name))(**params)
        request = captured["request"]
        url = botocore.compat.urlsplit(request.url)
        # Unsigned per-machine or per-run headers are left out of the record.
        volatile = {"user-agent", "amz-sdk-invocation-id"}
        headers = {k: (v.decode() if isinstance(v, bytes) else v)
                   for k, v in request.headers.items() if k.lower() not in volatile}
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        records.append({
            "operation": name,
            "input": params,
            "method": request.method,
            "host": url.netloc,
            "path": url.path,
            "query": url.query,
            "headers": headers,
            "body": body.decode(),
            "canonicalRequest": captured["canonicalRequest"],
            "stringToSign": captured["stringToSign"],
            "authorization": headers["Authorization"],
        })
    doc = dict(extra, **{
        "generator": "tests/golden/record_botocore.py",
        "botocore": botocore.__version__,
        "clock": CLOCK.strftime("%Y%m%dT%H%M%SZ"),
        "region": REGION,
        "accessKeyId": ACCESS_KEY,
        "secretAccessKey": SECRET_KEY,
        "sessionToken": SESSION_TOKEN,
        "requests": records,
    })
    out = os.path.join(GOLDEN, out_name)
    with open(out, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(records)} {service} requests to {os.path.relpath(out)}")


class _Raw:
    def __init__(self, data):
        self._data = data

    def stream(self, **kwargs):
        yield self._data

    def read(self, *a, **k):
        data, self._data = self._data, b""
        return data


def main():
    services = sys.argv[1:] or list(SERVICES)
    for service in services:
        if service not in SERVICES:
            sys.exit(f"unknown service {service}; known: {', '.join(SERVICES)}")
        data_dir = tempfile.mkdtemp()
        try:
            record(service, data_dir)
        finally:
            shutil.rmtree(data_dir)


if __name__ == "__main__":
    main()
