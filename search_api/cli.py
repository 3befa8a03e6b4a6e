"""The ``vanban`` command line. Heavy modules are imported inside each command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from search_api import render_text
from search_api.cli_keys import add_keys_command
from search_api.cli_store import add_store_commands
from search_api.eval_search import add_command as add_eval_search

if TYPE_CHECKING:
    from search_api.task_export import TaskRow

STATUSES = ("open", "due_soon", "overdue", "no_deadline")


def _extract(args: argparse.Namespace) -> int:
    from search_api.extraction import Failure, expand_paths, extract_files

    paths = expand_paths(Path(p) for p in args.files)
    if not paths:
        print("vanban extract: no documents found in the paths given", file=sys.stderr)
        return 2
    failed = 0
    rows = []
    for outcome in extract_files(paths):
        if isinstance(outcome, Failure):
            failed += 1
            if args.json:
                print(json.dumps(outcome.to_dict(), ensure_ascii=False), flush=True)
            else:
                print(f"error: {outcome.path}: {outcome.error}", file=sys.stderr)
            continue
        if args.json:
            print(json.dumps(outcome.to_dict(), ensure_ascii=False), flush=True)
        elif args.table:
            rows.append(render_text.table_row(outcome))
        else:
            print(render_text.summary(outcome), flush=True)
    if args.table:
        print(render_text.table(rows))
    if not args.json:
        print(f"{len(paths) - failed} read, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


def _eval(args: argparse.Namespace) -> int:
    from search_api.evaluation import evaluate

    directory = Path(args.dir)
    if not directory.is_dir():
        print(f"vanban eval: {directory}: not a folder", file=sys.stderr)
        return 2
    result = evaluate(directory)
    if result.documents == 0:
        print(f"vanban eval: no *.gold.json files under {directory}", file=sys.stderr)
        return 2
    report = result.scorer.report()
    if args.json:
        print(json.dumps({"documents": result.documents, "failures": len(result.failures),
                          "scores": report}, ensure_ascii=False, indent=2))
    else:
        print(render_text.eval_report(result.documents, len(result.failures), report))
        if args.misses:
            for name, tally in sorted(result.scorer.tallies.items()):
                for miss in tally.misses:
                    print(f"  {name}: {miss}")
    for failure in result.failures:
        print(f"error: {failure.path}: {failure.error}", file=sys.stderr)
    return 1 if result.failures else 0


def _iso_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _tasks(args: argparse.Namespace) -> int:
    from search_api.task_export import tasks_to_csv, tasks_to_ics
    from search_api.task_listing import row_to_dict

    if args.files and args.store:
        print("vanban tasks: give files or --store, not both", file=sys.stderr)
        return 2
    rows, failed, where = _task_rows_from_files(args) if args.files else _task_rows_from_store(args)
    if rows is None:
        return 2
    if args.csv:
        sys.stdout.write(tasks_to_csv(rows))
    elif args.ics:
        sys.stdout.write(tasks_to_ics(rows))
    elif args.json:
        for row in rows:
            print(json.dumps(row_to_dict(row), ensure_ascii=False))
    else:
        print(render_text.task_table(rows))
        print(f"{len(rows)} tasks in {where} (as of {args.as_of})", file=sys.stderr)
    return 1 if failed else 0


def _task_rows_from_files(args: argparse.Namespace) -> tuple[list[TaskRow] | None, int, str]:
    from search_api.extraction import Failure, expand_paths, extract_files
    from search_api.task_listing import task_rows

    paths = expand_paths(Path(p) for p in args.files)
    if not paths:
        print("vanban tasks: no documents found in the paths given", file=sys.stderr)
        return None, 0, ""
    records, failed = [], 0
    for outcome in extract_files(paths):
        if isinstance(outcome, Failure):
            failed += 1
            print(f"error: {outcome.path}: {outcome.error}", file=sys.stderr)
        else:
            records.append(outcome)
    rows = task_rows(records, as_of=args.as_of, assignee=args.assignee, status=args.status)
    return rows, failed, f"{len(records)} documents"


def _task_rows_from_store(args: argparse.Namespace) -> tuple[list[TaskRow] | None, int, str]:
    from search_api.cli_store import open_from_args, store_url
    from search_api.store.base import TaskFilter
    from search_api.task_listing import rows_from_store

    store = open_from_args(args)
    try:
        stored = store.tasks(TaskFilter(assignee=args.assignee))
    finally:
        store.close()
    return rows_from_store(stored, as_of=args.as_of, status=args.status), 0, store_url(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vanban",
        description="Read Vietnamese government documents into structured, searchable records.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="analyse files without storing them")
    extract.add_argument("files", nargs="+", metavar="FILE", help="files or folders")
    shape = extract.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="one JSON record per line")
    shape.add_argument("--table", action="store_true", help="one summary row per file")
    extract.set_defaults(run=_extract)

    tasks = commands.add_parser("tasks", help="assigned tasks with deadlines and status")
    tasks.add_argument("files", nargs="*", metavar="FILE",
                       help="files or folders to analyse (default: the tasks in the store)")
    tasks.add_argument("--store", help="store URL (default: $VANBAN_STORE)")
    tasks.add_argument("--assignee", help="agency, canonical or as typed (diacritics optional)")
    tasks.add_argument("--status", choices=STATUSES, help="only tasks with this status")
    tasks.add_argument("--as-of", type=_iso_day, default=date.today(), metavar="DATE",
                       help="reference day for the status (default: today)")
    out = tasks.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one task per line")
    out.add_argument("--csv", action="store_true", help="CSV for spreadsheets")
    out.add_argument("--ics", action="store_true", help="iCalendar events for calendars")
    tasks.set_defaults(run=_tasks)

    add_store_commands(commands)
    add_keys_command(commands)
    add_eval_search(commands)

    evaluation = commands.add_parser("eval", help="score extraction against gold files")
    evaluation.add_argument("dir", nargs="?", default="corpus", metavar="DIR")
    evaluation.add_argument("--json", action="store_true", help="scores as JSON")
    evaluation.add_argument("--misses", action="store_true", help="list every miss")
    evaluation.set_defaults(run=_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `vanban extract --json … | head`
        sys.stderr.close()
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
