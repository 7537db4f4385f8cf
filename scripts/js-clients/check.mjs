// Runs the Anthropic TypeScript SDK, the Vercel AI SDK and LangChain JS against a bridge (BRIDGE_URL) whose
// backend is fake-backend.mjs: each must see the same repaired tool input, streaming and not, and text with
// the bridge's note (no tool call) for arguments that cannot be repaired. Exit code 1 on any difference.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { generateText, streamText, jsonSchema, tool } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { ChatAnthropic } from '@langchain/anthropic';

const BRIDGE = process.env.BRIDGE_URL;
const REPAIRED = { city: 'Paris', days: null };
const NOTE = 'the model wrote a call to the tool "get_weather", but it was not run';
const SCHEMA = { type: 'object', properties: { city: { type: 'string' }, days: { type: ['integer', 'null'] } },
  required: ['city'] };
const results = [];

async function check(name, run) {
  try {
    await run();
    results.push(`PASS ${name}`);
  } catch (e) {
    results.push(`FAIL ${name}: ${e.message.split('\n')[0]}`);
  }
}

const sdk = new Anthropic({ baseURL: BRIDGE, apiKey: 'local', maxRetries: 0 });
const sdkParams = (word) => ({ model: 'claude-opus-local', max_tokens: 256,
  messages: [{ role: 'user', content: `weather in Paris ${word}` }],
  tools: [{ name: 'get_weather', description: 'Weather for a city', input_schema: SCHEMA }] });
for (const stream of [false, true]) {
  const ask = (w) => stream ? sdk.messages.stream(sdkParams(w)).finalMessage() : sdk.messages.create(sdkParams(w));
  await check(`anthropic-sdk ${stream ? 'stream' : 'create'} repaired`, async () => {
    const m = await ask('REPAIRABLE');
    assert.deepEqual(m.content.filter((b) => b.type === 'tool_use').map((b) => b.input), [REPAIRED]);
  });
  await check(`anthropic-sdk ${stream ? 'stream' : 'create'} broken`, async () => {
    const m = await ask('BROKEN');
    assert.equal(m.content.filter((b) => b.type === 'tool_use').length, 0);
    assert.ok(m.content.map((b) => b.text ?? '').join('').includes(NOTE));
  });
}

const vercel = createAnthropic({ baseURL: BRIDGE + '/v1', apiKey: 'local' });
const vercelTools = { get_weather: tool({ description: 'Weather for a city', inputSchema: jsonSchema(SCHEMA) }) };
for (const stream of [false, true]) {
  const ask = async (w) => {
    const options = { model: vercel('claude-opus-local'), tools: vercelTools, maxRetries: 0,
      prompt: `weather in Paris ${w}` };
    if (!stream) {
      return generateText(options);
    }
    const result = streamText(options);
    return { toolCalls: await result.toolCalls, text: await result.text };
  };
  await check(`vercel-ai ${stream ? 'streamText' : 'generateText'} repaired`, async () => {
    const r = await ask('REPAIRABLE');
    assert.deepEqual(r.toolCalls.map((c) => c.input ?? c.args), [REPAIRED]);
  });
  await check(`vercel-ai ${stream ? 'streamText' : 'generateText'} broken`, async () => {
    const r = await ask('BROKEN');
    assert.equal(r.toolCalls.length, 0);
    assert.ok(r.text.includes(NOTE));
  });
}

const chat = new ChatAnthropic({ model: 'claude-opus-local', apiKey: 'local', anthropicApiUrl: BRIDGE, maxRetries: 0 })
  .bindTools([{ name: 'get_weather', description: 'Weather for a city', input_schema: SCHEMA }]);
const text = (m) => typeof m.content === 'string' ? m.content : m.content.map((b) => b.text ?? '').join('');
for (const stream of [false, true]) {
  const ask = async (w) => {
    if (!stream) {
      return chat.invoke(`weather in Paris ${w}`);
    }
    let all;
    for await (const piece of await chat.stream(`weather in Paris ${w}`)) {
      all = all === undefined ? piece : all.concat(piece);
    }
    return all;
  };
  await check(`langchain ${stream ? 'stream' : 'invoke'} repaired`, async () => {
    const m = await ask('REPAIRABLE');
    assert.deepEqual(m.tool_calls.map((c) => c.args), [REPAIRED]);
  });
  await check(`langchain ${stream ? 'stream' : 'invoke'} broken`, async () => {
    const m = await ask('BROKEN');
    assert.equal(m.tool_calls.length, 0);
    assert.ok(text(m).includes(NOTE));
  });
}

for (const pkg of ['@anthropic-ai/sdk', 'ai', '@ai-sdk/anthropic', '@langchain/anthropic']) {
  results.push(`version ${pkg} ${JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version}`);
}
results.push(`node ${process.version}`);
console.log(results.join('\n'));
process.exit(results.some((r) => r.startsWith('FAIL')) ? 1 : 0);
