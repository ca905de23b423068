// Used by tests/bench/bench_models (kept here beside node_modules). Times the AWS SDK for JavaScript v3 paginator over ListParticipants (pages of 100).
// Usage: node js_paginate.mjs ENDPOINT STAGE_ARN SESSION_ID
import { IVSRealTimeClient, paginateListParticipants } from '@aws-sdk/client-ivs-realtime';

const [endpoint, stageArn, sessionId] = process.argv.slice(2);
const client = new IVSRealTimeClient({
  region: 'us-east-1', endpoint,
  credentials: { accessKeyId: 'AKIAGREENROOMLOCAL01', secretAccessKey: 'greenroom/local/secret/key/0000000000000' },
});
const start = process.hrtime.bigint();
let rows = 0;
for await (const page of paginateListParticipants({ client, pageSize: 100 }, { stageArn, sessionId })) rows += page.participants.length;
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ rows, ms }));
