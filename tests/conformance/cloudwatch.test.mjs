// Conformance: the official @aws-sdk/client-cloudwatch (awsJson1_0, awsQueryCompatible) reads
// greenroom-local's AWS/IVSRealTime metrics back: ListMetrics with paging, GetMetricData with
// several statistics, periods, ScanBy and MaxDatapoints paging (the SDK's own paginator), and
// CloudWatch's errors as the SDK's exception classes. The IVS side uses client-ivs-realtime.
//
// greenroom-local is started and its data plane signed by ./local.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as cw from '@aws-sdk/client-cloudwatch';
import * as ivs from '@aws-sdk/client-ivs-realtime';
import { credentials, planeRequest, startLocal } from './local.mjs';

let service;
let endpoint;
let metrics;
let control;
let stageArn;
let stageId;
const people = {};

const plane = (action, body) => planeRequest(endpoint, 'POST', action, body);

async function join(userId) {
  const { participantToken } = await control.send(new ivs.CreateParticipantTokenCommand({ stageArn, userId }));
  const joined = await plane('join', { token: participantToken.token });
  assert.equal(joined.status, 200, JSON.stringify(joined.body));
  return joined.body.participantId;
}

const stageDims = () => [{ Name: 'Stage', Value: stageId }];
const query = (Id, MetricName, Dimensions, Period, Stat) => ({
  Id, MetricStat: { Metric: { Namespace: 'AWS/IVSRealTime', MetricName, Dimensions }, Period, Stat },
});

before(async () => {
  ({ service, endpoint } = await startLocal());
  metrics = new cw.CloudWatchClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
  control = new ivs.IVSRealTimeClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
  const { stage } = await control.send(new ivs.CreateStageCommand({ name: 'cloudwatch-conformance' }));
  stageArn = stage.arn;
  stageId = stageArn.split('/').pop();
  people.host = await join('host');
  people.guest = await join('guest');
  people.viewer = await join('viewer');
  for (const who of [people.host, people.guest]) {
    assert.equal((await plane('publish', { stageArn, participantId: who })).status, 200);
  }
  for (const [who, remote] of [[people.host, people.guest], [people.guest, people.host], [people.viewer, people.host]]) {
    assert.equal((await plane('subscribe', { stageArn, participantId: who, remoteParticipantId: remote })).status, 200);
  }
  const degraded = await plane('network', { stageArn, participantId: people.guest, bitrate: 500000, resolution: 360, packetLoss: 12, droppedFrames: 25 });
  assert.equal(degraded.status, 200, JSON.stringify(degraded.body));
  assert.equal((await plane('metrics-backfill', { seconds: 900 })).status, 200);
});

after(() => service?.kill());

describe('ListMetrics', () => {
  it('lists the documented metrics with their dimension sets', async () => {
    const names = new Map();
    for await (const page of cw.paginateListMetrics({ client: metrics }, { Namespace: 'AWS/IVSRealTime' })) {
      for (const m of page.Metrics) {
        const dims = m.Dimensions.map((d) => d.Name).sort().join(',');
        if (!names.has(m.MetricName)) names.set(m.MetricName, new Set());
        names.get(m.MetricName).add(dims);
      }
    }
    assert.deepEqual([...names.get('Publishers')], ['Stage']);
    assert.deepEqual([...names.get('Subscribers')], ['Stage']);
    assert.deepEqual([...names.get('PublishBitrate')].sort(), ['MediaType,Participant,SimulcastLayer,Stage', 'Stage']);
    assert.deepEqual([...names.get('PublishResolution')], ['MediaType,Participant,SimulcastLayer,Stage']);
    assert.deepEqual([...names.get('SubscribeBitrate')].sort(), ['MediaType,Participant,Stage', 'Stage']);
    assert.deepEqual([...names.get('DownloadPacketLoss')].sort(), ['', 'Participant,Stage', 'Stage']);
    assert.deepEqual([...names.get('DroppedFrames')].sort(), ['Participant,Stage', 'Stage']);
  });
  it('filters by metric name and dimension', async () => {
    const out = await metrics.send(new cw.ListMetricsCommand({
      Namespace: 'AWS/IVSRealTime', MetricName: 'PublishBitrate',
      Dimensions: [{ Name: 'Participant', Value: people.guest }, { Name: 'MediaType', Value: 'audio' }],
    }));
    assert.equal(out.Metrics.length, 1);
    const layer = out.Metrics[0].Dimensions.find((d) => d.Name === 'SimulcastLayer');
    assert.equal(layer.Value, 'none');
  });
});

describe('GetMetricData', () => {
  it('counts publishers and subscribers exactly', async () => {
    const EndTime = new Date();
    const out = await metrics.send(new cw.GetMetricDataCommand({
      StartTime: new Date(EndTime - 600_000), EndTime,
      MetricDataQueries: [
        query('pub', 'Publishers', stageDims(), 60, 'Maximum'),
        query('sub', 'Subscribers', stageDims(), 60, 'Maximum'),
      ],
    }));
    const [pub, sub] = out.MetricDataResults;
    assert.equal(pub.Id, 'pub');
    assert.equal(pub.Label, 'Publishers');
    assert.equal(pub.StatusCode, 'Complete');
    assert.ok(pub.Timestamps.length >= 9);
    assert.ok(pub.Timestamps[0] instanceof Date);
    assert.ok(pub.Timestamps[0] > pub.Timestamps[1], 'newest first by default');
    assert.ok(pub.Values.every((v) => v === 2), JSON.stringify(pub.Values));
    assert.ok(sub.Values.every((v) => v === 3), JSON.stringify(sub.Values));
  });
  it('shows the degraded participant degraded', async () => {
    const EndTime = new Date();
    const participant = (p) => [{ Name: 'Stage', Value: stageId }, { Name: 'Participant', Value: p }];
    const layer = (p) => [...participant(p), { Name: 'SimulcastLayer', Value: 'hi' }, { Name: 'MediaType', Value: 'video' }];
    const out = await metrics.send(new cw.GetMetricDataCommand({
      StartTime: new Date(EndTime - 300_000), EndTime, ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        query('hostloss', 'DownloadPacketLoss', participant(people.host), 5, 'Average'),
        query('guestloss', 'DownloadPacketLoss', participant(people.guest), 5, 'Average'),
        query('guestres', 'PublishResolution', layer(people.guest), 5, 'Maximum'),
        query('hostrate', 'PublishBitrate', layer(people.host), 5, 'p90'),
        query('guestrate', 'PublishBitrate', layer(people.guest), 5, 'p90'),
      ],
    }));
    const byId = Object.fromEntries(out.MetricDataResults.map((r) => [r.Id, r]));
    // Medians: the seconds sampled live while the test set the stage up came before the
    // guest's network was degraded.
    const mean = (r) => [...r.Values].sort((a, b) => a - b)[Math.floor(r.Values.length / 2)];
    assert.ok(byId.hostloss.Timestamps[0] < byId.hostloss.Timestamps[1], 'ScanBy ascending');
    assert.ok(byId.hostloss.Values.length >= 50);
    assert.ok(mean(byId.hostloss) < 1, `host loss ${mean(byId.hostloss)}`);
    assert.ok(mean(byId.guestloss) > 8, `guest loss ${mean(byId.guestloss)}`);
    assert.equal(mean(byId.guestres), 360);
    assert.ok(mean(byId.guestrate) < mean(byId.hostrate) / 4);
  });
  it('pages with MaxDatapoints and the SDK paginator gets every point', async () => {
    // Whole periods of the backfilled history: both ends on a 10-second boundary, ending before
    // the seconds sampled live while the stage was being set up.
    const EndTime = new Date(Math.floor(Date.now() / 10_000) * 10_000 - 10_000);
    const input = {
      StartTime: new Date(EndTime - 300_000), EndTime, MaxDatapoints: 25, ScanBy: 'TimestampAscending',
      MetricDataQueries: [query('sub', 'SubscribeBitrate', stageDims(), 10, 'SampleCount')],
    };
    let pages = 0;
    const counts = [];
    for await (const page of cw.paginateGetMetricData({ client: metrics }, input)) {
      pages += 1;
      for (const r of page.MetricDataResults) counts.push(...r.Values);
    }
    assert.ok(pages >= 2, `${pages} pages`);
    assert.equal(counts.length, 30, `${counts.length} periods`);
    assert.ok(counts.every((c) => c === 30), JSON.stringify(counts)); // 3 subscribers x 10 s
  });
});

describe('errors', () => {
  const EndTime = new Date();
  const StartTime = new Date(EndTime - 60_000);
  // The SDK's exception class from __type, and the query-protocol code (x-amzn-query-error)
  // in Code, as for the real service.
  const expectError = async (input, ExceptionClass, code, messagePart) => {
    await assert.rejects(metrics.send(new cw.GetMetricDataCommand(input)), (error) => {
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.equal(error.name, ExceptionClass.name);
      assert.ok(error instanceof ExceptionClass, `${error.name} is not a ${ExceptionClass.name}`);
      assert.equal(error.Code, code);
      if (messagePart) assert.match(error.message, messagePart);
      return true;
    });
  };
  it('refuses metric math with InvalidParameterValue', async () => {
    await expectError({ StartTime, EndTime, MetricDataQueries: [{ Id: 'm', Expression: 'SUM(METRICS())' }] },
      cw.InvalidParameterValueException, 'InvalidParameterValue', /Metric math/);
  });
  it('refuses a period of 7 seconds', async () => {
    await expectError({ StartTime, EndTime, MetricDataQueries: [query('m', 'Publishers', stageDims(), 7, 'Average')] },
      cw.InvalidParameterValueException, 'InvalidParameterValue', /Period/);
  });
  it('refuses an unknown statistic', async () => {
    await expectError({ StartTime, EndTime, MetricDataQueries: [query('m', 'Publishers', stageDims(), 60, 'Median')] },
      cw.InvalidParameterValueException, 'InvalidParameterValue', /Median/);
  });
  it('refuses a bad NextToken with InvalidNextToken', async () => {
    await expectError({ StartTime, EndTime, NextToken: 'nope', MetricDataQueries: [query('m', 'Publishers', stageDims(), 60, 'Sum')] },
      cw.InvalidNextToken, 'InvalidNextToken');
  });
  it('refuses a signature for another service', async () => {
    const wrong = new cw.CloudWatchClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1, signingName: 'ivs' });
    await assert.rejects(wrong.send(new cw.ListMetricsCommand({})), (error) => {
      assert.equal(error.$metadata.httpStatusCode, 403);
      assert.match(error.message, /monitoring/);
      return true;
    });
  });
});
