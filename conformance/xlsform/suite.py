"""Turns pyxform's own test suite into workbooks, to measure Pathways against it.

Every test of a pyxform checkout (its `tests/` package) is run with `assertPyxformXform` replaced
by a recorder: each form a test hands to it (a markdown table or a dict of sheets) is written as
an .xlsx with pyxform's own `md_table_to_workbook`, once per distinct content. Nothing of the
suite is kept in this repository; run it beside a clone (`fetch` XLSForm/pyxform), then
`compare.py BINARY WORK --real OUT --only real_`.

Usage: python suite.py PYXFORM_CHECKOUT OUT_DIR
"""
import hashlib
import importlib
import inspect
import os
import sys
import unittest

import openpyxl


def write_structure(ss, path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet, rows in ss.items():
        ws = wb.create_sheet(sheet)
        rows = list(rows)
        if rows and isinstance(rows[0], dict):
            header = []
            for r in rows:
                for k in r:
                    if k not in header:
                        header.append(k)
            ws.append(header)
            for r in rows:
                ws.append([r.get(h) for h in header])
        else:
            for r in rows:
                ws.append(list(r))
    wb.save(path)


def main():
    repo, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    sys.path.insert(0, repo)
    from pyxform.xls2json_backends import md_table_to_workbook
    import tests.pyxform_test_case as ptc

    seen = set()
    written = 0

    def record(self, *args, md=None, ss_structure=None, **kwargs):
        nonlocal written
        form = md if md is not None else ss_structure
        if form is None:
            return
        key = hashlib.sha256(repr(form).encode()).hexdigest()[:16]
        if key in seen:
            return
        seen.add(key)
        path = os.path.join(out, f"{type(self).__name__}_{key}.xlsx")
        try:
            if md is not None:
                md_table_to_workbook(md).save(path)
            else:
                write_structure(ss_structure, path)
            written += 1
        except Exception:  # noqa: BLE001 - a form the helper cannot write is skipped
            pass

    ptc.PyxformTestCase.assertPyxformXform = record
    loader = unittest.TestLoader()
    for dirpath, _, files in os.walk(os.path.join(repo, "tests")):
        for f in sorted(files):
            if not (f.startswith("test_") and f.endswith(".py")):
                continue
            mod = os.path.relpath(os.path.join(dirpath, f), repo)[:-3].replace(os.sep, ".")
            try:
                m = importlib.import_module(mod)
            except Exception:  # noqa: BLE001
                continue
            for _, cls in inspect.getmembers(m, inspect.isclass):
                if not issubclass(cls, ptc.PyxformTestCase):
                    continue
                for name in loader.getTestCaseNames(cls):
                    try:
                        getattr(cls(name), name)()
                    except Exception:  # noqa: BLE001 - other assertions are not ours
                        pass
    print(f"{written} distinct workbooks written to {out}")


if __name__ == "__main__":
    main()
