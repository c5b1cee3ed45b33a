"""Log the order of a kernel's IOPub messages, the way the classic UI's Run All sees them.

Evidence tool for issue 11 item 4 (outputs under the wrong cell). Starts a
kernel with jupyter_client, sends every cell's execute_request back to back
(as the classic Notebook's "Run All" does: the requests queue in the kernel),
reads IOPub until the last cell is idle, and reports for each output message
(stream, display_data, execute_result, error):

- `late`: it arrived after the `status: idle` of the cell it names as parent
  (the classic UI has cleared that cell's callbacks by then and drops it,
  unless the cell was the last one sent);
- `misparented`: its text carries another cell's marker `[cell N]`, i.e. the
  kernel stamped it with the wrong parent (the UI shows it under that cell).

Usage (system Python, which has jupyter_client; from the project root):

    /usr/bin/python3 cli/jupyter/kernel_message_order.py synthetic --runs 20
    /usr/bin/python3 cli/jupyter/kernel_message_order.py latency --runs 3
    /usr/bin/python3 cli/jupyter/kernel_message_order.py notebook notebooks/04_tokens_vs_dollars.ipynb --runs 3

`synthetic` runs a fixed set of probe cells covering the kernel's display
paths (values as last expression, Deno.jupyter.display, console.log, and the
project's `show()`); each probe's output names its cell. `latency` measures
how long an awaited Deno.jupyter.display takes to reach a client, by payload
size. `notebook` runs a notebook's code cells (TOKENBOOK_DATA is passed
through; the working directory is the notebook's folder) and reports late
outputs per cell.

Findings with Deno 2.9.6 (20 runs x 2 copies of each probe, machine load ~10):
a value as the cell's last expression (execute_result) arrived after idle or
stamped with the next cell's request in 10-12 of 40 cells for strings,
md/html templates; 6 of 40 for a big SVG; show() in 0 of 200.
"""

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict

from jupyter_client.manager import start_new_kernel

OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error", "update_display_data"}

BIG_SVG = (
    '`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400">'
    '${Array.from({length: 3000}, (_, i) => `<circle cx="${i % 600}" cy="${i % 400}" r="2"/>`).join("")}'
    "<text>[cell {N}]</text></svg>`"
)

# (name, code template): {N} becomes the cell's index, {{ and }} single braces.
PROBES = [
    ("string_expression", '"[cell {N}] a string"'),
    ("md_template", "Deno.jupyter.md`**[cell {N}]** markdown ${{'x'.repeat(4000)}}`"),
    ("html_template", "Deno.jupyter.html`<p>[cell {N}]</p>${{'<b>x</b>'.repeat(4000)}}`"),
    ("svg_template_big", "Deno.jupyter.svg" + BIG_SVG),
    ("polars_frame", 'import pl{N} from "npm:nodejs-polars@0.25.2"; '
     'pl{N}.DataFrame({{ tag: Array(200).fill("[cell {N}]"), v: Array.from({{length: 200}}, (_, i) => i / 7) }})'),
    ("promise_of_md", "Promise.resolve(Deno.jupyter.md`[cell {N}] from a promise`)"),
    ("display_symbol_object", '({{ [Symbol.for("Jupyter.display")]() {{ return {{ "text/markdown": "[cell {N}] custom" }}; }} }})'),
    ("console_log", 'console.log("[cell {N}] printed")'),
    ("await_display_md", "await Deno.jupyter.display(Deno.jupyter.md`[cell {N}] displayed ${{'y'.repeat(4000)}}`);"),
    ("display_md_no_await", "Deno.jupyter.display(Deno.jupyter.md`[cell {N}] displayed, not awaited`);"),
    ("await_display_then_value", "await Deno.jupyter.display(Deno.jupyter.md`[cell {N}] shown`); \"[cell {N}] value\""),
    ("two_displays", "await Deno.jupyter.display(Deno.jupyter.md`[cell {N}] one`); "
     "await Deno.jupyter.display(Deno.jupyter.md`[cell {N}] two ${{'z'.repeat(4000)}}`);"),
    ("await_display_then_sleep_0", "await Deno.jupyter.display(Deno.jupyter.md`[cell {N}] then sleep 0 ${{'y'.repeat(4000)}}`); "
     "await new Promise((r) => setTimeout(r, 0));"),
    ("await_display_then_sleep_5", "await Deno.jupyter.display(Deno.jupyter.md`[cell {N}] then sleep 5 ${{'y'.repeat(4000)}}`); "
     "await new Promise((r) => setTimeout(r, 5));"),
    ("await_display_then_sleep_20", "await Deno.jupyter.display(Deno.jupyter.md`[cell {N}] then sleep 20 ${{'y'.repeat(4000)}}`); "
     "await new Promise((r) => setTimeout(r, 20));"),
    ("undefined_result", "const u{N} = 1;"),
    # The project's helper (lib/tooling/display.ts), imported by the first cell.
    ("show_md", "await show(Deno.jupyter.md`**[cell {N}]** markdown ${{'x'.repeat(4000)}}`);"),
    ("show_string", 'await show("[cell {N}] a string");'),
    ("show_svg_big", "await show(Deno.jupyter.svg" + BIG_SVG + ");"),
    ("print_then_show", 'console.log("[cell {N}] printed"); await show(Deno.jupyter.md`[cell {N}] after print`);'),
]

SETUP = 'import { show } from "./lib/tooling/display.ts";'


def text_of(content):
    """All text of an output message, for finding its [cell N] marker."""
    return json.dumps(content)


def run_batch(codes, cwd, env, timeout=300):
    """Send all codes at once; return IOPub messages in arrival order with cell indexes."""
    km, kc = start_new_kernel(kernel_name="deno", cwd=cwd, env=env)
    try:
        msg_to_cell = {}
        for index, code in enumerate(codes):
            msg_id = kc.execute(code, allow_stdin=False)
            msg_to_cell[msg_id] = index
        log = []
        idle = set()
        deadline = time.time() + timeout
        last = len(codes) - 1
        while time.time() < deadline:
            try:
                msg = kc.get_iopub_msg(timeout=1)
            except Exception:
                if last in idle:
                    break
                continue
            parent = msg_to_cell.get(msg["parent_header"].get("msg_id"))
            if parent is None:
                continue
            mtype = msg["msg_type"]
            state = msg["content"].get("execution_state") if mtype == "status" else None
            log.append({"cell": parent, "type": mtype, "state": state,
                        "after_idle": parent in idle, "content": msg["content"]})
            if state == "idle":
                idle.add(parent)
        # keep listening briefly for stragglers after the last idle
        end = time.time() + 1.5
        while time.time() < end:
            try:
                msg = kc.get_iopub_msg(timeout=0.2)
            except Exception:
                continue
            parent = msg_to_cell.get(msg["parent_header"].get("msg_id"))
            if parent is None:
                continue
            log.append({"cell": parent, "type": msg["msg_type"], "state": None,
                        "after_idle": parent in idle, "content": msg["content"]})
        return log
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def synthetic(args):
    codes, names = [SETUP], ["setup"]
    for repeat in range(args.repeats):
        for name, template in PROBES:
            index = len(codes)
            codes.append(template.replace("{N}", str(index)).replace("{{", "{").replace("}}", "}"))
            names.append(name)
    stats = defaultdict(Counter)
    for run in range(args.runs):
        log = run_batch(codes, os.getcwd(), dict(os.environ))
        for entry in log:
            if entry["type"] not in OUTPUT_TYPES:
                continue
            display_id = (entry["content"].get("transient") or {}).get("display_id") or ""
            if display_id.startswith("tokenbook-flush-"):
                continue  # show()'s marker, ignored by every front end
            text = text_of(entry["content"])
            markers = {int(m) for m in re.findall(r"\[cell (\d+)\]", text)}
            owner = min(markers) if markers else entry["cell"]
            name = names[owner]
            stats[name]["outputs"] += 1
            if entry["type"] == "error":
                stats[name]["errors"] += 1
            if owner != entry["cell"]:
                stats[name]["misparented"] += 1
            elif entry["after_idle"]:
                stats[name]["late"] += 1
        print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    print(f"{'probe':32} {'outputs':>8} {'late':>6} {'misparented':>12} {'errors':>7}")
    for name, _ in PROBES:
        s = stats[name]
        print(f"{name:32} {s['outputs']:8} {s['late']:6} {s['misparented']:12} {s['errors']:7}")


def notebook(args):
    with open(args.path) as handle:
        nb = json.load(handle)
    cells = [(i, "".join(c["source"])) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    codes = [code for _, code in cells]
    cwd = os.path.dirname(os.path.abspath(args.path))
    for run in range(args.runs):
        log = run_batch(codes, cwd, dict(os.environ))
        order = []
        late = Counter()
        for entry in log:
            label = entry["state"] or entry["type"]
            order.append(f"{cells[entry['cell']][0]}:{label}{'*' if entry['after_idle'] and entry['type'] in OUTPUT_TYPES else ''}")
            if entry["type"] in OUTPUT_TYPES and entry["after_idle"]:
                late[cells[entry["cell"]][0]] += 1
            if entry["type"] == "error":
                print("  error in cell", cells[entry["cell"]][0], entry["content"].get("evalue"))
        print(f"run {run + 1}: late outputs by notebook cell index: {dict(late) or 'none'}")
        if args.verbose:
            print("  " + " ".join(order))


LATENCY_SIZES = [100, 10_000, 300_000, 1_000_000]


def latency(args):
    """Time from Deno.jupyter.display() returning in the cell to the message reaching this client."""
    codes = []
    for index in range(args.cells):
        size = LATENCY_SIZES[index % len(LATENCY_SIZES)]
        codes.append(
            f'await Deno.jupyter.display({{ "text/plain": "[cell {index}] " + "x".repeat({size}) + " @" + Date.now() }}, '
            f'{{ raw: true }}); await new Promise((r) => setTimeout(r, 200));'
        )
    by_size = defaultdict(list)
    for run in range(args.runs):
        start = time.time()
        km, kc = start_new_kernel(kernel_name="deno", cwd=os.getcwd(), env=dict(os.environ))
        try:
            msg_ids = [kc.execute(code, allow_stdin=False) for code in codes]
            seen = 0
            while seen < len(codes) and time.time() - start < 600:
                try:
                    msg = kc.get_iopub_msg(timeout=1)
                except Exception:
                    continue
                arrived = time.time() * 1000
                if msg["msg_type"] != "display_data":
                    continue
                text = msg["content"]["data"]["text/plain"]
                sent = float(text.rsplit("@", 1)[1])
                cell = int(re.match(r"\[cell (\d+)\]", text).group(1))
                by_size[LATENCY_SIZES[cell % len(LATENCY_SIZES)]].append(arrived - sent)
                seen += 1
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    print(f"{'payload chars':>14} {'n':>4} {'median ms':>10} {'p90 ms':>8} {'max ms':>8}")
    for size in LATENCY_SIZES:
        values = sorted(by_size[size])
        if not values:
            continue
        pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
        print(f"{size:14} {len(values):4} {pick(0.5):10.1f} {pick(0.9):8.1f} {values[-1]:8.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("synthetic")
    s.add_argument("--runs", type=int, default=10)
    s.add_argument("--repeats", type=int, default=2, help="copies of the probe list per batch")
    n = sub.add_parser("notebook")
    n.add_argument("path")
    n.add_argument("--runs", type=int, default=3)
    n.add_argument("--verbose", action="store_true")
    t = sub.add_parser("latency")
    t.add_argument("--runs", type=int, default=3)
    t.add_argument("--cells", type=int, default=40)
    args = parser.parse_args()
    {"synthetic": synthetic, "notebook": notebook, "latency": latency}[args.mode](args)


if __name__ == "__main__":
    main()
