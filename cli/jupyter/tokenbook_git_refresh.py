"""A Jupyter post-save hook that keeps `git status` clean after a session.

With the git clean filter of `deno task setup` (.gitattributes:
`*.ipynb filter=tokenbook-strip`), git stores notebooks without outputs and
`git diff` ignores what a session saved. But `git status` first compares file
sizes with its index and lists a notebook whose size changed as modified
without running the filter. This hook runs after every save: when the saved
notebook, read through the filter, is exactly what git already stores, it
lets git record the file's new size and time (`git add` of identical content:
nothing new is staged). A notebook whose code changed is left alone, so
`git status` still shows real edits.

`deno task jupyter` starts the classic Notebook with it:

    jupyter notebook --FileContentsManager.post_save_hook=tokenbook_git_refresh.post_save

with this folder (cli/jupyter) on PYTHONPATH. Outside a git repository, for
untracked files, or without git, it does nothing.
"""

import os
import subprocess


def _git(args, cwd):
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def post_save(model=None, os_path=None, contents_manager=None, **kwargs):
    """Refresh git's record of a saved notebook whose stored form did not change."""
    if not os_path or (model or {}).get("type") != "notebook":
        return
    folder = os.path.dirname(os_path)
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top is None:
        return
    path = os.path.relpath(os.path.realpath(os_path), os.path.realpath(top))
    staged = _git(["rev-parse", f":{path}"], top)
    if staged is None:
        return
    # hash-object applies the clean filter .gitattributes names for the path.
    current = _git(["hash-object", "--", path], top)
    if current == staged:
        _git(["add", "--", path], top)
