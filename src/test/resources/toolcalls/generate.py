#!/usr/bin/env python3
"""Writes the tool-call corpus: one file per case, written for this project from what the cited public sources
describe (no copied text). Run from this directory; the .case files are what the tests read."""
import json, os

HF_HERMES = "https://huggingface.co/NousResearch/Hermes-2-Pro-Llama-3-8B (model card: <tool_call> JSON format)"
QWEN_DOC = "https://qwen.readthedocs.io/en/latest/framework/function_call.html (Qwen2.5/3 Hermes-style calls)"
QWEN_LEAK = "https://github.com/aaif-goose/goose/issues/3748 (Qwen tool call left in content)"
QWEN_LEAK2 = "https://github.com/jundot/omlx/issues/2565 (Qwen2.5-Coder call JSON leaks into content)"
LLAMA31 = "https://www.llama.com/docs/model-cards-and-prompt-formats/llama3_1/ (<|python_tag|>, JSON and <function=> calls)"
LLAMA32 = "https://www.llama.com/docs/model-cards-and-prompt-formats/llama3_2/ (bare JSON and [f(a=1)] calls)"
MISTRAL_V3 = "https://github.com/ml-explore/mlx-lm/issues/1374 ([TOOL_CALLS] [{...}] JSON list form)"
MISTRAL_V11 = "https://github.com/raullenchai/Rapid-MLX/issues/1071 ([TOOL_CALLS]name[ARGS]{...} leaking as text)"
MISTRAL_SQ = "https://github.com/vllm-project/vllm/pull/5649 (Mistral 7B v0.3 writes call JSON with single quotes)"
MISTRAL_LM = "https://github.com/lmstudio-ai/lmstudio-bug-tracker/issues/797 (Mistral Small calls not parsed)"
GEMMA = "https://ai.google.dev/gemma/docs/capabilities/function-calling (tool_code fences, Python call syntax)"
QWEN3C = "https://github.com/ggml-org/llama.cpp/issues/15012 (Qwen3-Coder <function=><parameter=> XML)"
QWEN3C_PR = "https://github.com/vllm-project/vllm/pull/25028 (Qwen3-Coder XML: typed params, missing closers)"
QWEN3C_LONG = "https://github.com/ollama/ollama/issues/18563 (Qwen3-Coder long file-write calls)"
DEEPSEEK_V3 = "https://huggingface.co/deepseek-ai/DeepSeek-V3 (chat template: tool call markers with ```json)"
DEEPSEEK_V31 = "https://huggingface.co/deepseek-ai/DeepSeek-V3.1 (model card: name<｜tool▁sep｜>{args} format)"
JSON_FENCE = "https://github.com/nugget/thane-ai-agent/pull/21 (granite/qwen2.5-coder calls as JSON text)"
REPAIR = "https://github.com/vllm-project/vllm/pull/5649 (failure modes: truncated and malformed arguments)"
WRITTEN = "written for this project: prose a coding model plausibly writes about tool calls"

cases = []
def pos(name, source, text, *calls):
    cases.append(("positive", name, source, text, [("call", n, a) for n, a in calls]))
def neg(name, source, text, stripped=False):
    cases.append(("negative", name, source, text, [("stripped",) if stripped else ("text",)]))
def note(name, source, text, tool):
    cases.append(("unusable", name, source, text, [("note", tool)]))

R = lambda p: ("Read", {"file_path": p})
B = lambda c: ("Bash", {"command": c})
W = lambda p, c: ("Write", {"file_path": p, "content": c})
def j(o): return json.dumps(o)

# --- Hermes / Qwen <tool_call>
pos("hermes-basic", HF_HERMES, '<tool_call>\n{"name": "Read", "arguments": {"file_path": "/src/app.py"}}\n</tool_call>', R("/src/app.py"))
pos("hermes-text-before", QWEN_DOC, 'I will look at the build file first.\n\n<tool_call>\n{"name": "Read", "arguments": {"file_path": "/repo/pom.xml"}}\n</tool_call>', R("/repo/pom.xml"))
pos("hermes-two-calls", QWEN_DOC, '<tool_call>\n{"name": "Bash", "arguments": {"command": "ls -la"}}\n</tool_call>\n<tool_call>\n{"name": "Read", "arguments": {"file_path": "/etc/hosts"}}\n</tool_call>', B("ls -la"), R("/etc/hosts"))
pos("hermes-trailing-comma", QWEN_LEAK, '<tool_call>\n{"name": "Bash", "arguments": {"command": "git status",}}\n</tool_call>', B("git status"))
pos("hermes-single-quotes", QWEN_LEAK2, "<tool_call>\n{'name': 'Read', 'arguments': {'file_path': '/tmp/notes.md'}}\n</tool_call>", R("/tmp/notes.md"))
pos("hermes-double-encoded", QWEN_LEAK2, '<tool_call>\n{"name": "Bash", "arguments": "{\\"command\\": \\"npm test\\"}"}\n</tool_call>', B("npm test"))
pos("hermes-python-literals", QWEN_LEAK, '<tool_call>\n{"name": "Edit", "arguments": {"file_path": "/a.py", "old_string": "x = 1", "new_string": "x = 2", "replace_all": True}}\n</tool_call>', ("Edit", {"file_path": "/a.py", "old_string": "x = 1", "new_string": "x = 2", "replace_all": True}))
pos("hermes-unterminated-at-end", QWEN_LEAK, '<tool_call>\n{"name": "Read", "arguments": {"file_path": "/var/log/app.log"}}', R("/var/log/app.log"))
pos("hermes-missing-brace", REPAIR, '<tool_call>\n{"name": "Grep", "arguments": {"pattern": "TODO", "path": "/src"}\n</tool_call>', ("Grep", {"pattern": "TODO", "path": "/src"}))
pos("hermes-multiline-content", QWEN_DOC, '<tool_call>\n{"name": "Write", "arguments": {"file_path": "/tmp/hello.py", "content": "print(\\"hi\\")\\nprint(\\"bye\\")\\n"}}\n</tool_call>', W("/tmp/hello.py", 'print("hi")\nprint("bye")\n'))
pos("hermes-after-think", QWEN_DOC, 'The user wants the weather.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris", "unit": "c"}}\n</tool_call>', ("get_weather", {"city": "Paris", "unit": "c"}))
pos("hermes-raw-newline-in-string", REPAIR, '<tool_call>\n{"name": "Write", "arguments": {"file_path": "/tmp/a.txt", "content": "line one\nline two"}}\n</tool_call>', W("/tmp/a.txt", "line one\nline two"))
# --- Qwen3-Coder XML
pos("qwen3coder-basic", QWEN3C, '<tool_call>\n<function=Read>\n<parameter=file_path>\n/src/main.rs\n</parameter>\n</function>\n</tool_call>', R("/src/main.rs"))
pos("qwen3coder-multiline", QWEN3C, '<tool_call>\n<function=Write>\n<parameter=file_path>\n/tmp/x.sh\n</parameter>\n<parameter=content>\n#!/bin/sh\necho "hello"\n</parameter>\n</function>\n</tool_call>', W("/tmp/x.sh", '#!/bin/sh\necho "hello"'))
pos("qwen3coder-typed-integer", QWEN3C_PR, '<tool_call>\n<function=Read>\n<parameter=file_path>\n/a/b.txt\n</parameter>\n<parameter=limit>\n50\n</parameter>\n</function>\n</tool_call>', ("Read", {"file_path": "/a/b.txt", "limit": 50}))
pos("qwen3coder-no-wrapper", QWEN3C_PR, 'Let me run the tests.\n<function=Bash>\n<parameter=command>\nmvn -q test\n</parameter>\n</function>', B("mvn -q test"))
pos("qwen3coder-boolean", QWEN3C_PR, '<tool_call>\n<function=Edit>\n<parameter=file_path>\n/x.js\n</parameter>\n<parameter=old_string>\nvar\n</parameter>\n<parameter=new_string>\nlet\n</parameter>\n<parameter=replace_all>\ntrue\n</parameter>\n</function>\n</tool_call>', ("Edit", {"file_path": "/x.js", "old_string": "var", "new_string": "let", "replace_all": True}))
pos("qwen3coder-missing-function-close", QWEN3C_PR, '<tool_call>\n<function=Bash>\n<parameter=command>\npwd\n</parameter>\n</tool_call>', B("pwd"))
pos("qwen3coder-two-calls", QWEN3C, '<tool_call>\n<function=Read>\n<parameter=file_path>\n/a\n</parameter>\n</function>\n</tool_call>\n<tool_call>\n<function=Read>\n<parameter=file_path>\n/b\n</parameter>\n</function>\n</tool_call>', R("/a"), R("/b"))
pos("qwen3coder-long-write", QWEN3C_LONG, '<tool_call>\n<function=Write>\n<parameter=file_path>\n/tmp/table.md\n</parameter>\n<parameter=content>\n' + "\n".join("| row %d | <b>value</b> |" % i for i in range(30)) + '\n</parameter>\n</function>\n</tool_call>', W("/tmp/table.md", "\n".join("| row %d | <b>value</b> |" % i for i in range(30))))
# --- Llama 3.x
pos("llama-python-tag", LLAMA31, '<|python_tag|>{"name": "Bash", "parameters": {"command": "uname -a"}}<|eom_id|>', B("uname -a"))
pos("llama-python-tag-eot", LLAMA31, '<|python_tag|>{"name": "Read", "parameters": {"file_path": "/README.md"}}<|eot_id|>', R("/README.md"))
pos("llama-python-tag-stream-end", LLAMA31, '<|python_tag|>{"name": "Grep", "parameters": {"pattern": "main"}}', ("Grep", {"pattern": "main"}))
pos("llama-python-tag-two", LLAMA31, '<|python_tag|>{"name": "Read", "parameters": {"file_path": "/a"}}; {"name": "Read", "parameters": {"file_path": "/b"}}', R("/a"), R("/b"))
pos("llama-bare-json", LLAMA32, '{"name": "Bash", "parameters": {"command": "date"}}', B("date"))
pos("llama-bare-json-type", LLAMA32, '{"type": "function", "name": "Read", "parameters": {"file_path": "/etc/os-release"}}', R("/etc/os-release"))
pos("llama-bare-json-after-text", LLAMA32, 'Checking the date.\n{"name": "Bash", "parameters": {"command": "date -u"}}', B("date -u"))
pos("llama-function-tag", LLAMA31, '<function=get_weather>{"city": "Oslo"}</function>', ("get_weather", {"city": "Oslo"}))
pos("llama-call-list", LLAMA32, '[Read(file_path="/src/index.ts")]', R("/src/index.ts"))
pos("llama-call-list-two", LLAMA32, '[Bash(command="make"), Read(file_path="/build.log")]', B("make"), R("/build.log"))
pos("llama-bare-json-trailing-ws", LLAMA32, '{"name": "get_weather", "parameters": {"city": "Lima", "unit": "f"}}\n\n', ("get_weather", {"city": "Lima", "unit": "f"}))
# --- Mistral
pos("mistral-json-list", MISTRAL_V3, '[TOOL_CALLS] [{"name": "Bash", "arguments": {"command": "cargo build"}}]', B("cargo build"))
pos("mistral-json-list-two", MISTRAL_V3, '[TOOL_CALLS][{"name": "Read", "arguments": {"file_path": "/a.c"}}, {"name": "Read", "arguments": {"file_path": "/b.c"}}]', R("/a.c"), R("/b.c"))
pos("mistral-args", MISTRAL_V11, '[TOOL_CALLS]Grep[ARGS]{"pattern": "fn main", "path": "/src"}', ("Grep", {"pattern": "fn main", "path": "/src"}))
pos("mistral-args-two", MISTRAL_V11, '[TOOL_CALLS]Read[ARGS]{"file_path": "/x"}[TOOL_CALLS]Read[ARGS]{"file_path": "/y"}', R("/x"), R("/y"))
pos("mistral-call-id", MISTRAL_V11, '[TOOL_CALLS]Bash[CALL_ID]a1b2c3d4e[ARGS]{"command": "ls"}', B("ls"))
pos("mistral-single-quotes", MISTRAL_SQ, "[TOOL_CALLS] [{'name': 'get_weather', 'arguments': {'city': 'Rome'}}]", ("get_weather", {"city": "Rome"}))
pos("mistral-name-json", MISTRAL_V11, '[TOOL_CALLS]Bash{"command": "whoami"}', B("whoami"))
pos("mistral-eos", MISTRAL_LM, '[TOOL_CALLS] [{"name": "Read", "arguments": {"file_path": "/z"}}]</s>', R("/z"))
# --- Gemma
pos("gemma-tool-code-print", GEMMA, '```tool_code\nprint(default_api.Read(file_path="/src/lib.rs"))\n```', R("/src/lib.rs"))
pos("gemma-tool-code-bare", GEMMA, 'Running it now.\n```tool_code\nBash(command="pytest -q")\n```', B("pytest -q"))
pos("gemma-tool-code-kwargs", GEMMA, '```tool_code\nget_weather(city="Tokyo", unit="c")\n```', ("get_weather", {"city": "Tokyo", "unit": "c"}))
pos("gemma-tool-call-json", GEMMA, '```tool_call\n{"name": "Read", "arguments": {"file_path": "/Makefile"}}\n```', R("/Makefile"))
pos("gemma-tool-code-single-quotes", GEMMA, "```tool_code\nprint(default_api.Bash(command='echo hi'))\n```", B("echo hi"))
pos("gemma-tool-code-python-bool", GEMMA, '```tool_code\nEdit(file_path="/c.txt", old_string="a", new_string="b", replace_all=True)\n```', ("Edit", {"file_path": "/c.txt", "old_string": "a", "new_string": "b", "replace_all": True}))
pos("gemma-call-list-line", GEMMA, '[get_weather(city="Cairo")]', ("get_weather", {"city": "Cairo"}))
# --- DeepSeek
pos("deepseek-v3", DEEPSEEK_V3, '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>Read\n```json\n{"file_path": "/app/main.go"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>', R("/app/main.go"))
pos("deepseek-v31", DEEPSEEK_V31, '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>Bash<｜tool▁sep｜>{"command": "go vet ./..."}<｜tool▁call▁end｜><｜tool▁calls▁end｜>', B("go vet ./..."))
pos("deepseek-v31-two", DEEPSEEK_V31, '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>Read<｜tool▁sep｜>{"file_path": "/1"}<｜tool▁call▁end｜><｜tool▁call▁begin｜>Read<｜tool▁sep｜>{"file_path": "/2"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>', R("/1"), R("/2"))
pos("deepseek-text-before", DEEPSEEK_V31, 'I need the config.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>Read<｜tool▁sep｜>{"file_path": "/cfg.toml"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>', R("/cfg.toml"))
pos("deepseek-single-marker", DEEPSEEK_V31, '<｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{"city": "Delhi"}<｜tool▁call▁end｜>', ("get_weather", {"city": "Delhi"}))
pos("deepseek-trailing-comma", DEEPSEEK_V3, '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>Bash\n```json\n{"command": "ls /tmp",}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>', B("ls /tmp"))
# --- JSON fences
pos("json-fence-call", JSON_FENCE, '```json\n{"name": "Read", "arguments": {"file_path": "/docs/index.md"}}\n```', R("/docs/index.md"))
pos("json-fence-after-text", JSON_FENCE, 'Let me read it.\n\n```json\n{"name": "Bash", "arguments": {"command": "cat /proc/cpuinfo"}}\n```\n', B("cat /proc/cpuinfo"))
pos("json-fence-openai-shape", JSON_FENCE, '```json\n{"type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Berlin\\"}"}}\n```', ("get_weather", {"city": "Berlin"}))
pos("json-fence-list", JSON_FENCE, '```json\n[{"name": "Read", "arguments": {"file_path": "/p"}}, {"name": "Read", "arguments": {"file_path": "/q"}}]\n```', R("/p"), R("/q"))

# --- unusable: names a real tool, cannot be used -> text + note
note("hermes-missing-required", REPAIR, '<tool_call>\n{"name": "Write", "arguments": {"file_path": "/tmp/out.txt"}}\n</tool_call>', "Write")
note("hermes-garbage-args", REPAIR, '<tool_call>\n{"name": "Bash", "arguments": {"command": ls -la | grep x}}\n</tool_call>', "Bash")
note("mistral-wrong-type", MISTRAL_V11, '[TOOL_CALLS]Read[ARGS]{"file_path": 42}', "Read")
note("qwen3coder-enum-violation", QWEN3C_PR, '<tool_call>\n<function=get_weather>\n<parameter=city>\nParis\n</parameter>\n<parameter=unit>\nkelvin\n</parameter>\n</function>\n</tool_call>', "get_weather")

# --- negatives: text that must stay text, byte for byte
neg("prose-mentions-tool-call-tag", WRITTEN, "Qwen models wrap each call in <tool_call> tags, and the server is supposed to parse them out.")
neg("fenced-hermes-example", WRITTEN, 'Here is what a Hermes-style call looks like:\n\n```xml\n<tool_call>\n{"name": "Read", "arguments": {"file_path": "/etc/passwd"}}\n</tool_call>\n```\n\nThe server strips the tags.')
neg("inline-code-tool-call", WRITTEN, 'Use `<tool_call>{"name": "Read", "arguments": {"file_path": "/x"}}</tool_call>` to invoke a tool.')
neg("json-non-tool", WRITTEN, 'The config looks like this:\n```json\n{"name": "my-package", "version": "1.0.0", "scripts": {"test": "jest"}}\n```\nRun npm install after editing it.')
neg("json-fence-example-then-text", WRITTEN, 'An example request body:\n\n```json\n{"name": "Read", "arguments": {"file_path": "/a"}}\n```\n\nThe model sends this and the client runs the tool.')
neg("unknown-tool-hermes", WRITTEN, '<tool_call>\n{"name": "WebBrowse", "arguments": {"url": "https://example.com"}}\n</tool_call>')
neg("unknown-tool-bare-json", WRITTEN, '{"name": "deploy_to_prod", "parameters": {"force": true}}')
neg("package-json-bare", WRITTEN, '{"name": "left-pad", "version": "1.3.0", "main": "index.js"}')
neg("python-code-fence-call", WRITTEN, 'To read a file in Python:\n\n```python\nprint(open("/etc/hosts").read())\n```')
neg("python-call-in-prose", WRITTEN, 'You can call Read(file_path="/x") from your own code if you wrap it.')
neg("markdown-link-brackets", WRITTEN, 'See [the docs](https://example.com/docs) and [Read(file_path)](https://example.com/api).')
neg("array-literal-line", WRITTEN, '[1, 2, 3] is the list you get back.')
neg("checkbox-list", WRITTEN, '- [ ] write tests\n- [x] fix the bug\n[ ] ship it')
neg("html-snippet", WRITTEN, 'Wrap it in <div class="note"> and close it with </div>.')
neg("less-than-comparison", WRITTEN, 'If a < b and b <c, then a < c; also x<|y is not an operator.')
neg("generic-type-params", WRITTEN, 'A List<Map<String, Integer>> holds the counts; Optional<T> wraps one.')
neg("xml-config", WRITTEN, 'Add this to pom.xml:\n<dependency>\n  <groupId>junit</groupId>\n</dependency>')
neg("function-word-prose", WRITTEN, 'The <function> element and the <parameter> element describe a signature in this XML dialect.')
neg("json-object-in-prose-line", WRITTEN, 'The response was\n{"status": "ok", "count": 3}\nwhich means it worked.')
neg("json-with-name-not-tool", WRITTEN, '{"name": "Alice", "age": 30}')
neg("json-name-then-more-text", WRITTEN, '{"name": "Read", "parameters": {"file_path": "/x"}}\nThat is the JSON the model would emit; we do not run it here.')
neg("gemma-explanation", WRITTEN, 'Gemma writes calls in a fenced block, for example:\n\n```python\nprint(default_api.Read(file_path="/x"))\n```\n\nand the runtime executes it.')
neg("mistral-doc-inline", WRITTEN, 'Mistral emits the `[TOOL_CALLS]` token before a JSON list of calls.')
neg("mistral-in-fence", WRITTEN, 'Raw model output:\n```\n[TOOL_CALLS] [{"name": "Read", "arguments": {"file_path": "/x"}}]\n```\nThe parser should turn that into a call.')
neg("deepseek-in-fence", WRITTEN, 'DeepSeek V3.1 output looks like:\n```text\n<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>Read<｜tool▁sep｜>{"file_path": "/x"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>\n```')
neg("unknown-tool-mistral", WRITTEN, '[TOOL_CALLS] [{"name": "send_email", "arguments": {"to": "a@b.c"}}]', stripped=True)
neg("unknown-tool-python-tag", WRITTEN, '<|python_tag|>{"name": "brave_search", "parameters": {"query": "news"}}', stripped=True)
neg("unknown-tool-qwen3coder", WRITTEN, '<tool_call>\n<function=browser_open>\n<parameter=url>\nhttps://x.y\n</parameter>\n</function>\n</tool_call>')
neg("unknown-tool-call-list", WRITTEN, '[search_web(query="weather")]')
neg("shell-brackets", WRITTEN, 'Run `[ -f build.gradle ] && ./gradlew test` or [[ -d src ]] in bash.')
neg("jsx-snippet", WRITTEN, 'Render it with <Button onClick={() => save()}>Save</Button> in the form.')
neg("tool-call-word-only", WRITTEN, 'I would make a tool call here, but the file is already open, so no tool is needed.')
neg("json-array-of-objects", WRITTEN, '[{"id": 1, "title": "a"}, {"id": 2, "title": "b"}]')
neg("table", WRITTEN, '| name | arguments |\n|---|---|\n| Read | {"file_path": "/x"} |\n| Bash | {"command": "ls"} |')
neg("diff-snippet", WRITTEN, '```diff\n- {"name": "Read"}\n+ {"name": "Write"}\n```')
neg("emoji-and-angle", WRITTEN, 'Done <3 — the build is green. <<EOF is a heredoc marker.')
neg("bare-json-fence-no-lang-explained", WRITTEN, '```\n{"name": "Bash", "arguments": {"command": "rm -rf build"}}\n```\nDo not run this one, it deletes the build folder.')
neg("latex-brackets", WRITTEN, 'The interval [a, b] and the set {x | x > 0} are both closed under addition.')
neg("call-list-code-like-prose", WRITTEN, '[note(this is an aside)] — just a remark, not a call.')
neg("python-tag-mention-inline", WRITTEN, 'Llama 3.1 starts built-in tool calls with `<|python_tag|>` and ends them with `<|eom_id|>`.')
neg("hermes-unknown-then-text", WRITTEN, 'I could call <tool_call>{"name": "Translate", "arguments": {"text": "hi"}}</tool_call> but that tool is not available.')
neg("nested-fence-tool-code-in-markdown", WRITTEN, '````markdown\n```tool_code\nprint(default_api.Read(file_path="/x"))\n```\n````')

os.makedirs("positive", exist_ok=True); os.makedirs("negative", exist_ok=True); os.makedirs("unusable", exist_ok=True)
for kind, name, source, text, expects in cases:
    lines = ["source: " + source]
    for e in expects:
        if e[0] == "call":
            lines.append("expect-call: " + e[1] + " " + json.dumps(e[2], sort_keys=True))
        elif e[0] == "note":
            lines.append("expect-note: " + e[1])
        elif e[0] == "stripped":
            lines.append("expect-text: control tokens removed")
        else:
            lines.append("expect-text: unchanged")
    with open(os.path.join(kind, name + ".case"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n---\n" + text)
print({k: sum(1 for c in cases if c[0] == k) for k in ("positive", "negative", "unusable")})
