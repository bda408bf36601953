#!/usr/bin/env python3
"""Opens iatix serve's page in headless Chromium as a person would: chooses a file, picks an
action and a language, presses Start, waits for the result, and reports what happened.

Drives Chromium through the DevTools protocol over --remote-debugging-pipe (standard library
only). Usage: page_check.py CHROMIUM URL FILE ACTION LANG SCREENSHOT.png
Prints one JSON object: status text, whether the report frame shows, its first heading,
console errors, exceptions.
"""
import base64, json, os, shutil, subprocess, sys, tempfile, time

chromium, url, upload, action, lang, screenshot = sys.argv[1:7]
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()


def child_fds():
    os.dup2(to_chrome_r, 3)
    os.dup2(from_chrome_w, 4)


profile = tempfile.mkdtemp(prefix="iatix-page-")
browser = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
     "--disable-dev-shm-usage", "--remote-debugging-pipe", f"--user-data-dir={profile}", "--window-size=1280,1500"],
    pass_fds=(3, 4), preexec_fn=child_fds, env={**os.environ, "TMPDIR": profile}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_chrome_r)
os.close(from_chrome_w)
writer = os.fdopen(to_chrome_w, "wb", buffering=0)
reader = os.fdopen(from_chrome_r, "rb", buffering=0)
pending = b""
events = []
next_id = 0


def receive():
    global pending
    while b"\0" not in pending:
        chunk = reader.read(65536)
        if not chunk:
            raise SystemExit("chromium closed the pipe")
        pending += chunk
    message, pending = pending.split(b"\0", 1)
    return json.loads(message)


def send(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    writer.write(json.dumps(message).encode() + b"\0")
    while True:
        reply = receive()
        if reply.get("id") == next_id:
            if "error" in reply:
                raise SystemExit(f"{method}: {reply['error']}")
            return reply.get("result", {})
        events.append(reply)


def evaluate(expression, session):
    result = send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
    return result.get("result", {}).get("value")


try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "DOM"):
        send(f"{domain}.enable", {}, session)
    send("Page.navigate", {"url": url}, session)
    deadline = time.time() + 20
    while time.time() < deadline and evaluate("document.readyState", session) != "complete":
        time.sleep(0.1)
    root = send("DOM.getDocument", {}, session)["root"]["nodeId"]
    node = send("DOM.querySelector", {"nodeId": root, "selector": "#file"}, session)["nodeId"]
    send("DOM.setFileInputFiles", {"nodeId": node, "files": [os.path.abspath(upload)]}, session)
    evaluate(f"document.querySelector('input[value={action}]').checked = true;"
             f"document.getElementById('lang').value = '{lang}';"
             "document.getElementById('go').click()", session)
    deadline = time.time() + 60
    shown = False
    while time.time() < deadline:
        state = evaluate("[document.getElementById('status').textContent, document.getElementById('result').style.display]", session)
        if state and state[1] == "block":
            shown = True
            break
        if state and state[0] and not state[0].endswith("…") and state[1] != "block" and "HTTP" not in state[0]:
            break
        time.sleep(0.2)
    time.sleep(0.5)
    status = evaluate("document.getElementById('status').textContent", session)
    heading = evaluate("(function(){var d=document.getElementById('result').contentDocument;"
                       "var h=d&&d.querySelector('h1');return h?h.textContent:'';})()", session)
    frame_lang = evaluate("(function(){var d=document.getElementById('result').contentDocument;"
                          "return d&&d.documentElement?d.documentElement.lang:'';})()", session)
    shot = send("Page.captureScreenshot", {"format": "png"}, session)
    with open(screenshot, "wb") as out:
        out.write(base64.b64decode(shot["data"]))
    errors = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            errors.append(params.get("exceptionDetails", {}).get("text", "exception"))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            errors.append(params["entry"].get("text", ""))
    print(json.dumps({"status": status, "reportShown": shown, "heading": heading, "frameLang": frame_lang, "consoleErrors": errors}))
finally:
    # Closed through the protocol, so that its helper processes end too before the profile goes.
    try:
        writer.write(json.dumps({"id": next_id + 1, "method": "Browser.close"}).encode() + b"\0")
        browser.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        browser.kill()
        browser.wait()
    shutil.rmtree(profile, ignore_errors=True)
