#!/usr/bin/env python3
"""Records the signed requests botocore builds for CloudWatch GetMetricData and ListMetrics.

botocore 1.43 prefers the model's first protocol (smithy-rpc-v2-cbor); Greenroom speaks the
model's "json" protocol (awsJson1_0), which the official JavaScript SDK also uses. The script
loads the project's copy of the model (app/cloudwatch/data) with "json" as the only protocol, so
the recorded requests are botocore's awsJson1_0 requests. No network: a before-send hook answers
locally. Output: tests/data/golden/botocore-cloudwatch-requests.json (committed).

Run: python3 tests/golden/record_botocore_cloudwatch.py
"""
import datetime
import json
import os
import shutil
import tempfile

import botocore
import botocore.auth
import botocore.session
from botocore.awsrequest import AWSResponse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
MODEL = os.path.join(ROOT, "app", "cloudwatch", "data", "service-2.json")
OUT = os.path.join(HERE, "..", "data", "golden", "botocore-cloudwatch-requests.json")

CLOCK = datetime.datetime(2026, 1, 15, 12, 30, 45, tzinfo=datetime.timezone.utc)
REGION = "us-west-2"
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN+/="

STAGE = "AbCdEf123456"
INPUTS = [
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


def main():
    data_dir = tempfile.mkdtemp()
    try:
        record(data_dir)
    finally:
        shutil.rmtree(data_dir)


def record(data_dir):
    with open(MODEL) as f:
        model = json.load(f)
    model["metadata"]["protocol"] = "json"
    model["metadata"]["protocols"] = ["json"]
    target = os.path.join(data_dir, "cloudwatch", model["metadata"]["apiVersion"])
    os.makedirs(target)
    with open(os.path.join(target, "service-2.json"), "w") as f:
        json.dump(model, f)

    botocore.auth.get_current_datetime = lambda *a, **k: CLOCK.replace(tzinfo=None)
    captured = {}
    original_canonical = botocore.auth.SigV4Auth.canonical_request
    original_sts = botocore.auth.SigV4Auth.string_to_sign

    def canonical_request(self, request):
        value = original_canonical(self, request)
        captured["canonicalRequest"] = value
        return value

    def string_to_sign(self, request, creq):
        value = original_sts(self, request, creq)
        captured["stringToSign"] = value
        return value

    botocore.auth.SigV4Auth.canonical_request = canonical_request
    botocore.auth.SigV4Auth.string_to_sign = string_to_sign

    session = botocore.session.get_session()
    session.get_component("data_loader").search_paths.insert(0, data_dir)
    client = session.create_client(
        "cloudwatch", region_name=REGION, aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY, aws_session_token=SESSION_TOKEN)
    assert client.meta.service_model.resolved_protocol == "json"

    def before_send(request, **kwargs):
        captured["request"] = request
        return AWSResponse(request.url, 200, {"Content-Type": "application/x-amz-json-1.0"},
                           _Raw(b"{}"))

    client.meta.events.register("before-send.cloudwatch", before_send)
    records = []
    for name, params in INPUTS:
        captured.clear()
        getattr(client, botocore.xform_name(name))(**params)
        request = captured["request"]
        url = botocore.compat.urlsplit(request.url)
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
    doc = {
        "generator": "tests/golden/record_botocore_cloudwatch.py",
        "botocore": botocore.__version__,
        "protocol": "json",
        "clock": CLOCK.strftime("%Y%m%dT%H%M%SZ"),
        "region": REGION,
        "accessKeyId": ACCESS_KEY,
        "secretAccessKey": SECRET_KEY,
        "sessionToken": SESSION_TOKEN,
        "requests": records,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(records)} requests to {os.path.relpath(OUT)}")


class _Raw:
    def __init__(self, data):
        self._data = data

    def stream(self, **kwargs):
        yield self._data

    def read(self, *a, **k):
        data, self._data = self._data, b""
        return data


if __name__ == "__main__":
    main()
