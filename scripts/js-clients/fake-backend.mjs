// A scripted OpenAI-compatible backend for check-js-clients: it answers every chat request with one tool call
// whose arguments are almost-JSON (the user message says REPAIRABLE) or broken beyond repair (BROKEN),
// streamed in 3-character fragments with finish_reason "tool_calls". Prints its port on stdout.
import http from 'node:http';

const ARGUMENTS = { REPAIRABLE: "{'city': 'Paris', 'days': None,}", BROKEN: '{"city": Paris and Oslo}' };

function chunk(delta, finish) {
  return 'data: ' + JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish ?? null }] }) + '\n\n';
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    if (req.url.startsWith('/props') || req.url.startsWith('/v1/models')) {
      res.writeHead(404).end('{}');
      return;
    }
    const request = JSON.parse(body || '{}');
    const last = JSON.stringify(request.messages?.at(-1) ?? {});
    const args = last.includes('BROKEN') ? ARGUMENTS.BROKEN : ARGUMENTS.REPAIRABLE;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(chunk({ role: 'assistant', content: null }));
    res.write(chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function',
      function: { name: 'get_weather', arguments: '' } }] }));
    for (let at = 0; at < args.length; at += 3) {
      res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(at, at + 3) } }] }));
    }
    res.write(chunk({}, 'tool_calls'));
    res.end('data: [DONE]\n\n');
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
