"""An nbconvert execute preprocessor that waits for late outputs.

Deno's Jupyter kernel can publish a cell's outputs on IOPub after it has
already reported itself idle. nbclient stops reading at the idle message, so
under load an output is sometimes dropped from the executed notebook. This
preprocessor keeps reading the cell's IOPub messages for a short grace period
after the idle status, so late outputs are kept.

Used by `deno task notebooks` (lib/tooling/notebook_runner.ts) through
`--NotebookExporter.preprocessors`, with this folder on PYTHONPATH.
"""

import queue
import re

from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async
from nbconvert.preprocessors import ExecutePreprocessor
from traitlets import Float


# Top-level statements that leave no value for the kernel to publish as the
# cell's result: declarations, and `await tb.show(...)` (which publishes its
# output itself and waits until the kernel has sent it, then returns nothing).
_DECLARATION = re.compile(
    r"^(?:const|let|var|function|async\s+function|class|import|type|interface|export)\b"
)
_SHOW_CALL = "await tb.show("
# `if (...)` / `for (...)` guarding one `await tb.show(...)`: its completion
# value is that call's (nothing), or nothing when the body does not run.
_GUARD = re.compile(r"^(?:if|for)\s*\(")
_OPEN = {"(": ")", "[": "]", "{": "}"}


def _scan(source):
    """Yield (index, char) of each character of source that is code at the
    top of a bracket stack (not inside a string, template text or comment),
    with the bracket depth after it. Raises ValueError when the text does not
    scan cleanly (an unclosed string, unbalanced brackets): the caller then
    assumes the worst. Regular-expression literals are not recognised, so a
    regex holding a quote or an unbalanced bracket also ends in ValueError.
    """
    stack = []  # open brackets; "`" for a template literal, "${" inside one
    i = 0
    n = len(source)
    while i < n:
        c = source[i]
        top = stack[-1] if stack else None
        if top == "`":
            if c == "\\":
                i += 2
                continue
            if c == "`":
                stack.pop()
            elif source.startswith("${", i):
                stack.append("${")
                i += 2
                continue
            i += 1
            continue
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
            continue
        if source.startswith("/*", i):
            j = source.find("*/", i + 2)
            if j < 0:
                raise ValueError("unclosed comment")
            i = j + 2
            continue
        if c in "'\"":
            j = i + 1
            while j < n and source[j] != c:
                if source[j] == "\n":
                    raise ValueError("unclosed string")
                j += 2 if source[j] == "\\" else 1
            if j >= n:
                raise ValueError("unclosed string")
            i = j + 1
            continue
        if c == "`":
            stack.append("`")
        elif c in _OPEN:
            stack.append(c)
        elif c in ")]}":
            if not stack:
                raise ValueError("unbalanced brackets")
            opened = stack.pop()
            if opened == "${":
                if c != "}":
                    raise ValueError("unbalanced brackets")
            elif _OPEN.get(opened) != c:
                raise ValueError("unbalanced brackets")
        yield i, c, len(stack)
        i += 1
    if stack:
        raise ValueError("unclosed bracket or template")


def last_statement(source):
    """The cell's last top-level statement without its `;` and without the
    comments and white space around it; "" for a cell with no code; None
    when the cell does not scan cleanly (see _scan)."""
    try:
        ends = [i for i, c, depth in _scan(source) if c == ";" and depth == 0]
    except ValueError:
        return None
    if ends and _strip_edges(source[ends[-1] + 1:]) != "":
        return _strip_edges(source[ends[-1] + 1:])
    if not ends:
        return _strip_edges(source)
    start = ends[-2] + 1 if len(ends) > 1 else 0
    return _strip_edges(source[start:ends[-1]])


def _strip_edges(text):
    """Text without the white space and the // and /* */ comments it starts
    with, and without trailing white space."""
    while True:
        text = text.strip()
        if text.startswith("//"):
            newline = text.find("\n")
            text = "" if newline < 0 else text[newline + 1:]
        elif text.startswith("/*"):
            close = text.find("*/")
            text = "" if close < 0 else text[close + 2:]
        else:
            return text


def may_publish_result(source):
    """False when the cell's last statement cannot leave a result for the
    kernel to publish late: a declaration, or one `await tb.show(...)` call
    and nothing after it. True otherwise, and whenever the cell's text is not
    recognised (then the grace period is spent)."""
    last = last_statement(source)
    if last is None:
        return True
    if last == "":
        return False
    if _DECLARATION.match(last):
        return False
    last = _unguarded(last)
    if last.startswith(_SHOW_CALL):
        # The call's own closing parenthesis must end the statement.
        open_at = len(_SHOW_CALL) - 1
        for i, c, depth in _scan(last):
            if i > open_at and depth == 0:
                return not (c == ")" and i == len(last) - 1)
    return True


def _unguarded(statement):
    """The body of an `if (...)` or `for (...)` statement (its header's
    parentheses matched by the scan), or the statement itself."""
    match = _GUARD.match(statement)
    if match is None:
        return statement
    open_at = match.end() - 1
    for i, c, depth in _scan(statement):
        if i > open_at and c == ")" and depth == 0:
            return _strip_edges(statement[i + 1:])
    return statement


class GraceExecutePreprocessor(ExecutePreprocessor):
    """ExecutePreprocessor that keeps late IOPub outputs of each cell.

    The grace period is spent only on cells that may leave a result for the
    kernel to publish (see may_publish_result): a cell ending in a
    declaration or in `await tb.show(...)` has nothing left to arrive.
    """

    grace_seconds = Float(
        0.5, help="Seconds to keep reading a cell's outputs after the kernel reports idle"
    ).tag(config=True)

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        if not may_publish_result(cell.source):
            return
        while True:
            try:
                msg = await ensure_async(
                    self.kc.iopub_channel.get_msg(timeout=self.grace_seconds)
                )
            except queue.Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass
