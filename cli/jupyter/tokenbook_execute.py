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

from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async
from nbconvert.preprocessors import ExecutePreprocessor
from traitlets import Float


class GraceExecutePreprocessor(ExecutePreprocessor):
    """ExecutePreprocessor that keeps late IOPub outputs of each cell."""

    grace_seconds = Float(
        0.5, help="Seconds to keep reading a cell's outputs after the kernel reports idle"
    ).tag(config=True)

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
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
