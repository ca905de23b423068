// Conformance: the official AWS SDK for JavaScript v3 drives every one of the 39 IVS Real-Time
// operations against greenroom-local: happy paths, pagination over several pages, and at least
// one error case per operation with the exception class the SDK raises.
//
// greenroom-local is started and its data plane signed by ./local.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import * as ivs from '@aws-sdk/client-ivs-realtime';
// It comes with the SDK (its own HTTP handler).
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { credentials, makeSigner, planeRequest as signedPlaneRequest, startLocal } from './local.mjs';
let service;
let endpoint;
let client;

function makeClient(extra = {}) {
  return new ivs.IVSRealTimeClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1, ...extra });
}

const send = (Command, input, c = client) => c.send(new Command(input));

async function rejects(promise, ExceptionClass, messagePart) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, ExceptionClass.name, `expected ${ExceptionClass.name}, got ${error.name}: ${error.message}`);
    assert.ok(error instanceof ExceptionClass, `not an instance of ${ExceptionClass.name}`);
    if (messagePart) assert.match(error.message, messagePart);
    return true;
  });
}

const planeRequest = (method, action, body) => signedPlaneRequest(endpoint, method, action, body);
const plane = (action, body) => planeRequest('POST', action, body);

async function joinNew(stageArn, options = {}) {
  const { participantToken } = await send(ivs.CreateParticipantTokenCommand, { stageArn, ...options });
  const joined = await plane('join', { token: participantToken.token, browserName: 'Chrome', osName: 'Linux' });
  assert.equal(joined.status, 200, JSON.stringify(joined.body));
  return { ...joined.body, token: participantToken.token };
}

async function collect(Command, input, key, pageSize) {
  const items = [];
  let nextToken;
  let pages = 0;
  do {
    const out = await send(Command, { ...input, maxResults: pageSize, nextToken });
    items.push(...out[key]);
    nextToken = out.nextToken;
    pages += 1;
  } while (nextToken);
  return { items, pages };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const uniqueName = (() => { let n = 0; return (p) => `${p}-${process.pid}-${++n}`; })();

before(async () => {
  ({ service, endpoint } = await startLocal(['--time-scale', '30']));
  client = makeClient();
});

after(() => service?.kill());

describe('authentication', () => {
  it('rejects a wrong secret with InvalidSignatureException', async () => {
    const bad = makeClient({ credentials: { ...credentials, secretAccessKey: 'wrong' } });
    await assert.rejects(send(ivs.ListStagesCommand, {}, bad), (error) => {
      assert.equal(error.name, 'InvalidSignatureException');
      assert.ok(error instanceof ivs.IVSRealTimeServiceException);
      assert.equal(error.$metadata.httpStatusCode, 403);
      assert.match(error.message, /signature we calculated/);
      return true;
    });
  });
  it('rejects an unknown key with UnrecognizedClientException', async () => {
    const bad = makeClient({ credentials: { accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' } });
    await assert.rejects(send(ivs.ListStagesCommand, {}, bad), { name: 'UnrecognizedClientException' });
  });
  it('rejects a request dated 10 minutes off, and the SDK corrects its clock from Date', async () => {
    const skewed = makeClient({ systemClockOffset: -10 * 60 * 1000 });
    await assert.rejects(send(ivs.ListStagesCommand, {}, skewed), { name: 'InvalidSignatureException', message: /Signature expired/ });
    const retrying = makeClient({ systemClockOffset: -10 * 60 * 1000, maxAttempts: 3 });
    const out = await send(ivs.ListStagesCommand, {}, retrying);
    assert.ok(Array.isArray(out.stages));
  });
});

describe('stages', () => {
  it('CreateStage fills defaults and issues tokens; GetStage returns it', async () => {
    const out = await send(ivs.CreateStageCommand, {
      name: 'conformance-stage', tags: { team: 'ops' },
      participantTokenConfigurations: [{ userId: 'host', capabilities: ['PUBLISH'] }, { duration: 5 }],
    });
    assert.match(out.stage.arn, /^arn:aws:ivs:us-east-1:123456789012:stage\/[a-zA-Z0-9]{12}$/);
    assert.equal(out.stage.autoParticipantRecordingConfiguration.storageConfigurationArn, '');
    assert.deepEqual(out.stage.autoParticipantRecordingConfiguration.mediaTypes, ['AUDIO_VIDEO']);
    assert.match(out.stage.endpoints.whip, /^https:\/\/.*whip/);
    assert.equal(out.participantTokens.length, 2);
    assert.deepEqual(out.participantTokens[0].capabilities, ['PUBLISH']);
    assert.equal(out.participantTokens[1].duration, 5);
    assert.ok(out.participantTokens[1].expirationTime instanceof Date);
    const got = await send(ivs.GetStageCommand, { arn: out.stage.arn });
    assert.equal(got.stage.name, 'conformance-stage');
    assert.deepEqual(got.stage.tags, { team: 'ops' });
  });
  it('CreateStage validates names, token configurations and attributes', async () => {
    await rejects(send(ivs.CreateStageCommand, { name: 'bad name!' }), ivs.ValidationException);
    await rejects(send(ivs.CreateStageCommand, { participantTokenConfigurations: Array(13).fill({}) }), ivs.ValidationException);
    await rejects(send(ivs.CreateStageCommand, { participantTokenConfigurations: [{ attributes: { big: 'x'.repeat(1100) } }] }), ivs.ValidationException, /1 KB/);
    await rejects(send(ivs.CreateStageCommand, { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }), ivs.ValidationException);
  });
  it('GetStage of a missing stage is ResourceNotFoundException', async () => {
    await rejects(send(ivs.GetStageCommand, { arn: 'arn:aws:ivs:us-east-1:123456789012:stage/missing00000' }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.GetStageCommand, { arn: 'not-an-arn' }), ivs.ValidationException);
  });
  it('UpdateStage renames; unknown stage is ResourceNotFoundException', async () => {
    const { stage } = await send(ivs.CreateStageCommand, { name: 'before' });
    const out = await send(ivs.UpdateStageCommand, { arn: stage.arn, name: 'after' });
    assert.equal(out.stage.name, 'after');
    await rejects(send(ivs.UpdateStageCommand, { arn: 'arn:aws:ivs:us-east-1:123456789012:stage/missing00000', name: 'x' }), ivs.ResourceNotFoundException);
  });
  it('UpdateStage cannot change auto-recording while recording (ConflictException)', async () => {
    const { storageConfiguration } = await send(ivs.CreateStorageConfigurationCommand, { s3: { bucketName: 'rec-bucket' } });
    const { stage } = await send(ivs.CreateStageCommand, { autoParticipantRecordingConfiguration: { storageConfigurationArn: storageConfiguration.arn } });
    const joined = await joinNew(stage.arn);
    const p = await send(ivs.GetParticipantCommand, { stageArn: stage.arn, sessionId: joined.sessionId, participantId: joined.participantId });
    assert.equal(p.participant.recordingS3BucketName, 'rec-bucket');
    assert.ok(['STARTING', 'ACTIVE'].includes(p.participant.recordingState));
    await rejects(send(ivs.UpdateStageCommand, { arn: stage.arn, autoParticipantRecordingConfiguration: { storageConfigurationArn: '' } }), ivs.ConflictException);
    await plane('leave', { stageArn: stage.arn, participantId: joined.participantId });
    const out = await send(ivs.UpdateStageCommand, { arn: stage.arn, autoParticipantRecordingConfiguration: { storageConfigurationArn: '' } });
    assert.equal(out.stage.autoParticipantRecordingConfiguration.storageConfigurationArn, '');
  });
  it('DeleteStage disconnects everyone; a second delete is ResourceNotFoundException', async () => {
    const { stage } = await send(ivs.CreateStageCommand, {});
    const joined = await joinNew(stage.arn);
    await send(ivs.DeleteStageCommand, { arn: stage.arn });
    await rejects(send(ivs.DeleteStageCommand, { arn: stage.arn }), ivs.ResourceNotFoundException);
    const again = await plane('join', { token: joined.token });
    assert.notEqual(again.status, 200);
  });
  it('ListStages pages with opaque tokens; a bad token is ValidationException', async () => {
    const names = [];
    for (let i = 0; i < 7; i++) {
      const name = uniqueName('page');
      names.push(name);
      await send(ivs.CreateStageCommand, { name });
    }
    const { items, pages } = await collect(ivs.ListStagesCommand, {}, 'stages', 3);
    assert.ok(pages >= 3, `only ${pages} pages`);
    for (const name of names) assert.ok(items.some((s) => s.name === name), `${name} missing`);
    assert.equal(new Set(items.map((s) => s.arn)).size, items.length, 'a stage appeared twice');
    await rejects(send(ivs.ListStagesCommand, { nextToken: 'not-a-token' }), ivs.ValidationException);
    await rejects(send(ivs.ListStagesCommand, { maxResults: 101 }), ivs.ValidationException);
  });
});

describe('participant tokens, sessions, participants and events', () => {
  let stageArn;
  before(async () => { stageArn = (await send(ivs.CreateStageCommand, { name: 'life' })).stage.arn; });

  it('CreateParticipantToken defaults to 720 minutes and PUBLISH+SUBSCRIBE; JWT ES384', async () => {
    const { participantToken: t } = await send(ivs.CreateParticipantTokenCommand, { stageArn, userId: 'zoë', attributes: { a: 'b' } });
    assert.equal(t.duration, 720);
    assert.deepEqual(t.capabilities, ['PUBLISH', 'SUBSCRIBE']);
    assert.equal(t.userId, 'zoë');
    const [header, claims] = t.token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url')));
    assert.equal(header.alg, 'ES384');
    assert.equal(claims.jti, t.participantId);
    assert.equal(claims.resource, stageArn);
    // Node's own ECDSA checks the signature against the service's published key, for many tokens:
    // the service signs with its own fast signer and presignature pool, not OpenSSL's ECDSA.
    const { publicKey } = (await planeRequest('GET', 'signing-key')).body;
    const verifies = (token) => {
      const [h, c, s] = token.split('.');
      return cryptoVerify('sha384', Buffer.from(`${h}.${c}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
    };
    assert.ok(verifies(t.token));
    const more = await Promise.all(Array.from({ length: 50 }, (_, i) => send(ivs.CreateParticipantTokenCommand, { stageArn, userId: `v${i}` })));
    assert.ok(more.every(({ participantToken }) => verifies(participantToken.token)));
    const [h, c, s] = t.token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, resource: 'x' })).toString('base64url')}.${s}`;
    assert.ok(!verifies(forged));
    await rejects(send(ivs.CreateParticipantTokenCommand, { stageArn: 'arn:aws:ivs:us-east-1:123456789012:stage/missing00000' }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.CreateParticipantTokenCommand, { stageArn, duration: 20161 }), ivs.ValidationException);
  });

  it('a session starts at the first join and ends after the last leave; events are in order', async () => {
    const a = await joinNew(stageArn, { userId: 'alice' });
    const b = await joinNew(stageArn, { userId: 'bob', capabilities: ['SUBSCRIBE'] });
    assert.equal(a.sessionId, b.sessionId);
    assert.match(a.sessionId, /^st-[a-zA-Z0-9]{13}$/);
    assert.equal((await plane('publish', { stageArn, participantId: a.participantId })).status, 200);
    assert.equal((await plane('publish', { stageArn, participantId: b.participantId })).status, 403);
    assert.equal((await plane('subscribe', { stageArn, participantId: b.participantId, remoteParticipantId: a.participantId })).status, 200);
    await plane('error', { stageArn, participantId: a.participantId, name: 'PUBLISH_ERROR', errorCode: 'BITRATE_EXCEEDED' });

    const stage = await send(ivs.GetStageCommand, { arn: stageArn });
    assert.equal(stage.stage.activeSessionId, a.sessionId);
    const session = await send(ivs.GetStageSessionCommand, { stageArn, sessionId: a.sessionId });
    assert.ok(session.stageSession.startTime instanceof Date);
    assert.equal(session.stageSession.endTime, undefined);

    const events = (await send(ivs.ListParticipantEventsCommand, { stageArn, sessionId: a.sessionId, participantId: b.participantId })).events;
    assert.deepEqual(events.map((e) => e.name), ['JOINED', 'PUBLISH_ERROR', 'SUBSCRIBE_STARTED']);
    assert.equal(events[1].errorCode, 'INSUFFICIENT_CAPABILITIES');
    assert.equal(events[2].remoteParticipantId, a.participantId);

    await plane('leave', { stageArn, participantId: a.participantId });
    await plane('leave', { stageArn, participantId: b.participantId });
    const ended = await send(ivs.GetStageSessionCommand, { stageArn, sessionId: a.sessionId });
    assert.ok(ended.stageSession.endTime instanceof Date);
    const aEvents = (await send(ivs.ListParticipantEventsCommand, { stageArn, sessionId: a.sessionId, participantId: a.participantId })).events;
    assert.deepEqual(aEvents.map((e) => e.name), ['JOINED', 'PUBLISH_STARTED', 'PUBLISH_ERROR', 'PUBLISH_STOPPED', 'LEFT']);
    for (let i = 1; i < aEvents.length; i++) assert.ok(aEvents[i].eventTime >= aEvents[i - 1].eventTime);
    assert.equal((await send(ivs.GetStageCommand, { arn: stageArn })).stage.activeSessionId, undefined);
  });

  it('GetStageSession / ListStageSessions: pages, and errors', async () => {
    for (let i = 0; i < 3; i++) {
      const p = await joinNew(stageArn);
      await plane('leave', { stageArn, participantId: p.participantId });
    }
    const { items, pages } = await collect(ivs.ListStageSessionsCommand, { stageArn }, 'stageSessions', 2);
    assert.ok(items.length >= 4 && pages >= 2);
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].startTime >= items[i].startTime, 'newest first');
    await rejects(send(ivs.GetStageSessionCommand, { stageArn, sessionId: 'st-000000000000A' }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.GetStageSessionCommand, { stageArn, sessionId: 'bad' }), ivs.ValidationException);
    await rejects(send(ivs.ListStageSessionsCommand, { stageArn, maxResults: 0 }), ivs.ValidationException);
  });

  it('ListParticipants pages and filters; two filters are ValidationException', async () => {
    const first = await joinNew(stageArn, { userId: 'u0' });
    const ids = [first.participantId];
    for (let i = 1; i < 7; i++) ids.push((await joinNew(stageArn, { userId: `u${i % 2}` })).participantId);
    await plane('publish', { stageArn, participantId: ids[0] });
    const sessionId = first.sessionId;
    const { items, pages } = await collect(ivs.ListParticipantsCommand, { stageArn, sessionId }, 'participants', 3);
    assert.equal(items.length, 7);
    assert.equal(pages, 3);
    const published = await send(ivs.ListParticipantsCommand, { stageArn, sessionId, filterByPublished: true });
    assert.deepEqual(published.participants.map((p) => p.participantId), [ids[0]]);
    const byUser = await send(ivs.ListParticipantsCommand, { stageArn, sessionId, filterByUserId: 'u1' });
    assert.equal(byUser.participants.length, 3);
    await rejects(send(ivs.ListParticipantsCommand, { stageArn, sessionId, filterByUserId: 'u1', filterByPublished: true }), ivs.ValidationException, /one/);
    const p = await send(ivs.GetParticipantCommand, { stageArn, sessionId, participantId: ids[0] });
    assert.equal(p.participant.browserName, 'Chrome');
    assert.equal(p.participant.published, true);
    await rejects(send(ivs.GetParticipantCommand, { stageArn, sessionId, participantId: 'nobody' }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.ListParticipantEventsCommand, { stageArn, sessionId: 'bad', participantId: ids[0] }), ivs.ValidationException);
    const events = await collect(ivs.ListParticipantEventsCommand, { stageArn, sessionId, participantId: ids[0] }, 'events', 1);
    assert.equal(events.pages, 2);
    for (const id of ids) await plane('leave', { stageArn, participantId: id });
  });

  it('DisconnectParticipant revokes the token (LEFT); unknown is ResourceNotFoundException', async () => {
    const p = await joinNew(stageArn);
    await send(ivs.DisconnectParticipantCommand, { stageArn, participantId: p.participantId, reason: 'policy' });
    const events = (await send(ivs.ListParticipantEventsCommand, { stageArn, sessionId: p.sessionId, participantId: p.participantId })).events;
    assert.equal(events.at(-1).name, 'LEFT');
    const again = await plane('join', { token: p.token });
    assert.equal(again.status, 403);
    await rejects(send(ivs.DisconnectParticipantCommand, { stageArn, participantId: 'nobody' }), ivs.ResourceNotFoundException);
  });

  it('tokens fail as the service would: expired, wrong stage, forged', async () => {
    const other = (await send(ivs.CreateStageCommand, {})).stage.arn;
    const { participantToken } = await send(ivs.CreateParticipantTokenCommand, { stageArn });
    assert.equal((await plane('join', { token: participantToken.token, stageArn: other })).status, 403);
    const forged = participantToken.token.slice(0, -4) + (participantToken.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    assert.equal((await plane('join', { token: forged })).status, 401);
  });
});

describe('participant replication', () => {
  it('Start/Stop/ListParticipantReplicas with events and errors', async () => {
    const source = (await send(ivs.CreateStageCommand, {})).stage.arn;
    const destination = (await send(ivs.CreateStageCommand, {})).stage.arn;
    const p = await joinNew(source);
    await plane('publish', { stageArn: source, participantId: p.participantId });
    await send(ivs.StartParticipantReplicationCommand, { sourceStageArn: source, destinationStageArn: destination, participantId: p.participantId, reconnectWindowSeconds: 30 });
    await rejects(send(ivs.StartParticipantReplicationCommand, { sourceStageArn: source, destinationStageArn: destination, participantId: p.participantId }), ivs.ConflictException);
    await rejects(send(ivs.StartParticipantReplicationCommand, { sourceStageArn: source, destinationStageArn: destination, participantId: 'nobody' }), ivs.ResourceNotFoundException);
    const replicas = await send(ivs.ListParticipantReplicasCommand, { sourceStageArn: source, participantId: p.participantId });
    assert.equal(replicas.replicas.length, 1);
    assert.equal(replicas.replicas[0].replicationState, 'ACTIVE');
    const destSession = replicas.replicas[0].destinationSessionId;
    const replica = await send(ivs.GetParticipantCommand, { stageArn: destination, sessionId: destSession, participantId: p.participantId });
    assert.equal(replica.participant.replicationType, 'REPLICA');
    assert.equal(replica.participant.sourceStageArn, source);
    await send(ivs.StopParticipantReplicationCommand, { sourceStageArn: source, destinationStageArn: destination, participantId: p.participantId });
    await rejects(send(ivs.StopParticipantReplicationCommand, { sourceStageArn: source, destinationStageArn: destination, participantId: p.participantId }), ivs.ResourceNotFoundException);
    const events = (await send(ivs.ListParticipantEventsCommand, { stageArn: source, sessionId: p.sessionId, participantId: p.participantId })).events;
    assert.ok(events.some((e) => e.name === 'REPLICATION_STARTED' && e.destinationStageArn === destination));
    assert.ok(events.some((e) => e.name === 'REPLICATION_STOPPED'));
    await rejects(send(ivs.ListParticipantReplicasCommand, { sourceStageArn: source, participantId: p.participantId, maxResults: 51 }), ivs.ValidationException);
  });
});

describe('encoder and storage configurations, compositions', () => {
  it('CreateEncoderConfiguration defaults and constraints', async () => {
    const { encoderConfiguration: e } = await send(ivs.CreateEncoderConfigurationCommand, { name: 'defaults' });
    assert.deepEqual(e.video, { width: 1280, height: 720, framerate: 30, bitrate: 2500000 });
    await rejects(send(ivs.CreateEncoderConfigurationCommand, { video: { width: 1281, height: 720 } }), ivs.ValidationException, /even/);
    await rejects(send(ivs.CreateEncoderConfigurationCommand, { video: { width: 1920, height: 1920 } }), ivs.ValidationException, /2,073,600/);
    await rejects(send(ivs.CreateEncoderConfigurationCommand, { video: { bitrate: 8500001 } }), ivs.ValidationException);
    await rejects(send(ivs.GetEncoderConfigurationCommand, { arn: 'arn:aws:ivs:us-east-1:123456789012:encoder-configuration/missing0000' }), ivs.ResourceNotFoundException);
    const got = await send(ivs.GetEncoderConfigurationCommand, { arn: e.arn });
    assert.equal(got.encoderConfiguration.name, 'defaults');
  });
  it('ListEncoderConfigurations / ListStorageConfigurations page', async () => {
    for (let i = 0; i < 4; i++) await send(ivs.CreateEncoderConfigurationCommand, {});
    const enc = await collect(ivs.ListEncoderConfigurationsCommand, {}, 'encoderConfigurations', 2);
    assert.ok(enc.pages >= 3);
    for (let i = 0; i < 3; i++) await send(ivs.CreateStorageConfigurationCommand, { s3: { bucketName: `bucket-${i}` } });
    const sto = await collect(ivs.ListStorageConfigurationsCommand, {}, 'storageConfigurations', 2);
    assert.ok(sto.pages >= 2);
    await rejects(send(ivs.ListEncoderConfigurationsCommand, { maxResults: 0 }), ivs.ValidationException);
    await rejects(send(ivs.ListStorageConfigurationsCommand, { nextToken: '!!' }), ivs.ValidationException);
  });
  it('storage configurations: create, get, validation, not found', async () => {
    const { storageConfiguration: s } = await send(ivs.CreateStorageConfigurationCommand, { name: 'rec', s3: { bucketName: 'my.bucket-1' } });
    assert.equal((await send(ivs.GetStorageConfigurationCommand, { arn: s.arn })).storageConfiguration.s3.bucketName, 'my.bucket-1');
    await rejects(send(ivs.CreateStorageConfigurationCommand, { s3: { bucketName: 'UPPER' } }), ivs.ValidationException);
    await rejects(send(ivs.GetStorageConfigurationCommand, { arn: s.arn.replace(/\/\w+$/, '/missing0000') }), ivs.ResourceNotFoundException);
    await send(ivs.DeleteStorageConfigurationCommand, { arn: s.arn });
    await rejects(send(ivs.DeleteStorageConfigurationCommand, { arn: s.arn }), ivs.ResourceNotFoundException);
  });
  it('compositions: STARTING -> ACTIVE -> STOPPING -> STOPPED, idempotency, conflicts', async () => {
    const { stage } = await send(ivs.CreateStageCommand, {});
    const { encoderConfiguration: e } = await send(ivs.CreateEncoderConfigurationCommand, {});
    const { storageConfiguration: s } = await send(ivs.CreateStorageConfigurationCommand, { s3: { bucketName: 'composites' } });
    const input = {
      stageArn: stage.arn, idempotencyToken: 'conformance-token-1',
      destinations: [{ s3: { storageConfigurationArn: s.arn, encoderConfigurationArns: [e.arn] } }],
    };
    const first = await send(ivs.StartCompositionCommand, input);
    assert.equal(first.composition.state, 'STARTING');
    assert.ok(first.composition.layout.grid, 'grid is the default layout');
    const repeat = await send(ivs.StartCompositionCommand, input);
    assert.equal(repeat.composition.arn, first.composition.arn);
    await rejects(send(ivs.StartCompositionCommand, { ...input, idempotencyToken: 'another' }), ivs.ConflictException);
    await rejects(send(ivs.StartCompositionCommand, { ...input, stageArn: stage.arn.replace(/\/\w+$/, '/missing00000'), idempotencyToken: 'x1' }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.StartCompositionCommand, { stageArn: stage.arn, destinations: [] }), ivs.ValidationException);
    await sleep(200);
    const active = await send(ivs.GetCompositionCommand, { arn: first.composition.arn });
    assert.equal(active.composition.state, 'ACTIVE');
    assert.equal(active.composition.destinations[0].state, 'ACTIVE');
    assert.ok(active.composition.destinations[0].detail.s3.recordingPrefix);
    await rejects(send(ivs.DeleteEncoderConfigurationCommand, { arn: e.arn }), ivs.ConflictException);
    await rejects(send(ivs.DeleteStorageConfigurationCommand, { arn: s.arn }), ivs.ConflictException);
    const listed = await send(ivs.ListCompositionsCommand, { filterByStageArn: stage.arn });
    assert.deepEqual(listed.compositions.map((c) => c.arn), [first.composition.arn]);
    const byEncoder = await send(ivs.ListCompositionsCommand, { filterByEncoderConfigurationArn: e.arn });
    assert.equal(byEncoder.compositions.length, 1);
    await send(ivs.StopCompositionCommand, { arn: first.composition.arn });
    assert.equal((await send(ivs.GetCompositionCommand, { arn: first.composition.arn })).composition.state, 'STOPPING');
    await sleep(200);
    const stopped = await send(ivs.GetCompositionCommand, { arn: first.composition.arn });
    assert.equal(stopped.composition.state, 'STOPPED');
    assert.ok(stopped.composition.endTime instanceof Date);
    await send(ivs.DeleteEncoderConfigurationCommand, { arn: e.arn });
    await rejects(send(ivs.DeleteEncoderConfigurationCommand, { arn: e.arn }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.StopCompositionCommand, { arn: first.composition.arn.replace(/\/\w+$/, '/missing00000') }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.GetCompositionCommand, { arn: 'arn:aws:ivs:us-east-1:123456789012:composition/missing00000' }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.ListCompositionsCommand, { maxResults: 1000 }), ivs.ValidationException);
  });
  it('a channel destination of another account fails (FAILED)', async () => {
    const { stage } = await send(ivs.CreateStageCommand, {});
    const out = await send(ivs.StartCompositionCommand, {
      stageArn: stage.arn, destinations: [{ channel: { channelArn: 'arn:aws:ivs:us-east-1:999999999999:channel/abcdABCDefgh' } }],
    });
    await sleep(200);
    const got = await send(ivs.GetCompositionCommand, { arn: out.composition.arn });
    assert.equal(got.composition.destinations[0].state, 'FAILED');
    assert.equal(got.composition.state, 'FAILED');
  });
});

describe('public keys', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' });

  it('ImportPublicKey, GetPublicKey, ListPublicKeys, DeletePublicKey and errors', async () => {
    const { publicKey: key } = await send(ivs.ImportPublicKeyCommand, { publicKeyMaterial: pem, name: 'signer' });
    assert.match(key.arn, /:public-key\//);
    assert.ok(key.fingerprint);
    await rejects(send(ivs.ImportPublicKeyCommand, { publicKeyMaterial: pem }), ivs.ConflictException);
    await rejects(send(ivs.ImportPublicKeyCommand, { publicKeyMaterial: 'hello' }), ivs.ValidationException);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
    await rejects(send(ivs.ImportPublicKeyCommand, { publicKeyMaterial: rsa }), ivs.ValidationException, /P-384/);
    assert.equal((await send(ivs.GetPublicKeyCommand, { arn: key.arn })).publicKey.name, 'signer');
    for (let i = 0; i < 3; i++) {
      const extra = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ type: 'spki', format: 'pem' });
      await send(ivs.ImportPublicKeyCommand, { publicKeyMaterial: extra });
    }
    const listed = await collect(ivs.ListPublicKeysCommand, {}, 'publicKeys', 2);
    assert.ok(listed.items.length >= 4 && listed.pages >= 2);

    // A self-signed token verifies against the imported key.
    const { stage } = await send(ivs.CreateStageCommand, {});
    const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const input = `${enc({ alg: 'ES384', typ: 'JWT' })}.${enc({ jti: 'selfSigned01', resource: stage.arn, exp: now + 600, iat: now, capabilities: { allow_publish: true, allow_subscribe: true } })}`;
    const signature = cryptoSign('sha384', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    const joined = await plane('join', { token: `${input}.${signature}` });
    assert.equal(joined.status, 200, JSON.stringify(joined.body));
    assert.equal(joined.body.participantId, 'selfSigned01');

    await send(ivs.DeletePublicKeyCommand, { arn: key.arn });
    await rejects(send(ivs.DeletePublicKeyCommand, { arn: key.arn }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.GetPublicKeyCommand, { arn: key.arn }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.ListPublicKeysCommand, { maxResults: 101 }), ivs.ValidationException);
  });
});

describe('ingest configurations', () => {
  it('Create/Get/Update/List/Delete and errors', async () => {
    const { stage } = await send(ivs.CreateStageCommand, {});
    const { ingestConfiguration: c } = await send(ivs.CreateIngestConfigurationCommand, { ingestProtocol: 'RTMPS', stageArn: stage.arn, name: 'obs', redundantIngest: true });
    assert.match(c.streamKey, /^rt_[0-9]+_[a-z0-9-]+_[a-zA-Z0-9-]+_.+/);
    assert.equal(c.state, 'INACTIVE');
    assert.equal(c.redundantIngestCredentials.length, 1);
    await rejects(send(ivs.CreateIngestConfigurationCommand, { ingestProtocol: 'RTMP' }), ivs.ValidationException, /insecureIngest/);
    const rtmp = await send(ivs.CreateIngestConfigurationCommand, { ingestProtocol: 'RTMP', insecureIngest: true });
    assert.equal(rtmp.ingestConfiguration.stageArn, '');
    assert.equal((await send(ivs.GetIngestConfigurationCommand, { arn: c.arn })).ingestConfiguration.name, 'obs');
    const updated = await send(ivs.UpdateIngestConfigurationCommand, { arn: c.arn, stageArn: '' });
    assert.equal(updated.ingestConfiguration.stageArn, '');
    await rejects(send(ivs.UpdateIngestConfigurationCommand, { arn: c.arn.replace(/\/\w+$/, '/missing00000') }), ivs.ResourceNotFoundException);
    const listed = await collect(ivs.ListIngestConfigurationsCommand, { filterByState: 'INACTIVE' }, 'ingestConfigurations', 1);
    assert.ok(listed.items.length >= 2 && listed.pages >= 2);
    assert.ok(listed.items.every((i) => i.streamKey === undefined), 'summaries carry no stream key');
    await rejects(send(ivs.ListIngestConfigurationsCommand, { filterByState: 'BROKEN' }), ivs.ValidationException);
    await send(ivs.DeleteIngestConfigurationCommand, { arn: c.arn });
    await rejects(send(ivs.DeleteIngestConfigurationCommand, { arn: c.arn }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.GetIngestConfigurationCommand, { arn: c.arn }), ivs.ResourceNotFoundException);
  });
});

describe('tags', () => {
  it('TagResource, UntagResource (repeated tagKeys), ListTagsForResource and errors', async () => {
    const { stage } = await send(ivs.CreateStageCommand, { tags: { a: '1' } });
    await send(ivs.TagResourceCommand, { resourceArn: stage.arn, tags: { b: '2', 'with space': 'x y' } });
    assert.deepEqual((await send(ivs.ListTagsForResourceCommand, { resourceArn: stage.arn })).tags, { a: '1', b: '2', 'with space': 'x y' });
    await send(ivs.UntagResourceCommand, { resourceArn: stage.arn, tagKeys: ['a', 'with space'] });
    assert.deepEqual((await send(ivs.ListTagsForResourceCommand, { resourceArn: stage.arn })).tags, { b: '2' });
    const missing = 'arn:aws:ivs:us-east-1:123456789012:stage/missing00000';
    await rejects(send(ivs.TagResourceCommand, { resourceArn: missing, tags: { a: 'b' } }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.UntagResourceCommand, { resourceArn: missing, tagKeys: ['a'] }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.ListTagsForResourceCommand, { resourceArn: missing }), ivs.ResourceNotFoundException);
    await rejects(send(ivs.TagResourceCommand, { resourceArn: stage.arn, tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, 'v'])) }), ivs.ValidationException, /50/);
  });
});

describe('data plane', () => {
  it('refuses an unsigned call with the AWS-style 403, and a call signed with a wrong secret', async () => {
    const unsigned = await fetch(`${endpoint}/__greenroom/faults`, { method: 'POST', body: JSON.stringify({ spec: '*:503=1' }) });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.match((await unsigned.json()).message, /Missing Authentication Token/);
    const wrong = makeSigner({ ...credentials, secretAccessKey: 'wrong' });
    const url = new URL(`${endpoint}/__greenroom/faults`);
    const forged = await wrong.sign({ method: 'GET', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host } });
    const { host, ...headers } = forged.headers;
    const refused = await fetch(url, { headers });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('x-amzn-errortype'), 'InvalidSignatureException');
    // Nothing was changed by either: the API still answers.
    assert.equal((await planeRequest('GET', 'faults')).body.spec, '');
    await send(ivs.ListStagesCommand, {});
    assert.equal((await fetch(`${endpoint}/__greenroom/health`)).status, 200); // health stays open
  });
});

describe('HTTPS', () => {
  it('the SDK talks to greenroom-local over HTTPS, trusting a throwaway CA, and refuses it without', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-tls-'));
    const at = (name) => path.join(dir, name);
    const openssl = (...args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-subj', '/CN=Greenroom test CA', '-keyout', at('ca.key'), '-out', at('ca.pem'));
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=localhost',
      '-keyout', at('server.key'), '-out', at('server.csr'));
    fs.writeFileSync(at('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    openssl('x509', '-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial',
      '-days', '1', '-extfile', at('ext.cnf'), '-out', at('server.pem'));
    const { service: tls, endpoint: listening } = await startLocal(['--tls-cert', at('server.pem'), '--tls-key', at('server.key')]);
    try {
      assert.match(listening, /^https:/);
      const httpsEndpoint = listening.replace('127.0.0.1', 'localhost');
      const ca = fs.readFileSync(at('ca.pem'));
      const trusting = new ivs.IVSRealTimeClient({
        region: 'us-east-1', endpoint: httpsEndpoint, credentials, maxAttempts: 1,
        requestHandler: new NodeHttpHandler({ httpsAgent: new https.Agent({ ca }) }),
      });
      const { stage } = await trusting.send(new ivs.CreateStageCommand({ name: 'over-tls' }));
      assert.match(stage.arn, /^arn:aws:ivs:us-east-1:123456789012:stage\//);
      const { stages } = await trusting.send(new ivs.ListStagesCommand({}));
      assert.ok(stages.some((s) => s.arn === stage.arn));
      // Without the CA the certificate is not trusted, and nothing falls back to plain HTTP.
      const untrusting = new ivs.IVSRealTimeClient({ region: 'us-east-1', endpoint: httpsEndpoint, credentials, maxAttempts: 1 });
      await assert.rejects(untrusting.send(new ivs.ListStagesCommand({})), (error) => {
        assert.match(`${error.code} ${error.message}`, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify|self[- ]signed|SELF_SIGNED/i);
        return true;
      });
      // Plain HTTP to the HTTPS port is not served.
      await assert.rejects(fetch(httpsEndpoint.replace('https:', 'http:') + '/ListStages', { method: 'POST', body: '{}' }));
    } finally {
      tls.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('coverage', () => {
  it('every operation of the SDK was called above', () => {
    const commands = Object.keys(ivs).filter((k) => /^[A-Z]\w+Command$/.test(k));
    assert.equal(commands.length, 39, commands.join(', '));
    const source = String(fs.readFileSync(new URL(import.meta.url)));
    for (const command of commands) assert.ok(source.includes(`ivs.${command}`), `${command} is not exercised`);
  });
});
