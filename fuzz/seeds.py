#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/): real files from the
repository and hand-made hostile ones that a random fuzzer would not build — a workbook claiming a
far cell, millions of empty cells, a zip bomb, repeated ODS rows, deep nesting. Run it from the
repository root after changing the fixtures; the files it writes are committed."""

import io
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
MAPPING = os.path.join(ROOT, "data", "questionnaires", "mapping.xlsx")
XLS = os.path.join(ROOT, "crates", "xlsform", "tests", "fixtures", "small.xls")
ODS = os.path.join(ROOT, "crates", "xlsform", "tests", "fixtures", "small.ods")


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def replace_part(path, part, content):
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = content if info.filename == part else src.read(info.filename)
            dst.writestr(info.filename, data)
    return out.getvalue()


def first_sheet(path):
    with zipfile.ZipFile(path) as z:
        return sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))[0]


def sheet(cells, dimension="A1"):
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>'
    ).encode()


def ods(table):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="survey">{table}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    ).encode()
    return replace_part(ODS, "content.xml", content)


def hostile_workbooks():
    s1 = first_sheet(MAPPING)
    yield "far-cell.xlsx", replace_part(
        MAPPING, s1, sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c></row>'
                           '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "A1:XFD1048576"))
    yield "claimed-dimension.xlsx", replace_part(
        MAPPING, s1, sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c></row>', "A1:XFD1048576"))
    # Rows and cells without positions follow one another: a million empty cells in a few KB.
    empties = "<row><c/><c/><c/><c/><c/></row>" * 200_000
    yield "empty-cells.xlsx", replace_part(MAPPING, s1, sheet(empties, "A1:B200000"))
    wide = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="AMJ{r}"><v>1</v></c></row>' for r in range(1, 5001))
    yield "wide-rows.xlsx", replace_part(MAPPING, s1, sheet(wide, "A1:AMJ5000"))
    bomb = sheet("") [:-len("</sheetData></worksheet>")] + b" " * 60_000_000 + b"</sheetData></worksheet>"
    yield "zip-bomb.xlsx", replace_part(MAPPING, s1, bomb)
    deep = "<x>" * 50_000 + "</x>" * 50_000
    yield "deep-xml.xlsx", replace_part(MAPPING, s1, sheet(deep))
    cell = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    yield "repeated-rows.ods", ods(
        '<table:table-row table:number-rows-repeated="1000000">'
        f'<table:table-cell table:number-columns-repeated="16000"/>{cell}</table:table-row>')
    yield "repeated-cells.ods", ods(
        '<table:table-row table:number-rows-repeated="5000"><table:table-cell office:value-type="float" '
        'office:value="1" table:number-columns-repeated="1000"/></table:table-row>')


def main():
    # Files named `found-*` are inputs the fuzzers found (regressions); they are kept.
    real = [("mapping.xlsx", open(MAPPING, "rb").read()), ("small.xls", open(XLS, "rb").read()),
            ("small.ods", open(ODS, "rb").read())]
    for name, data in real + list(hostile_workbooks()):
        write("sheets", name, data)
        write("xlsform", name, data)
    deep_expr = "(" * 400 + "1" + ")" * 400
    write("xlsform", "deep-expression.csv",
          "type,name,label,relevant\ntext,a,A,\ninteger,b,B," + deep_expr + "\n\x1elist_name,name,label\n\x1e")
    write("xlsform", "csv-form.csv",
          "type,name,label,constraint\nbegin_group,g,G,\ninteger,n,N,. > 0 and . < 100\nend_group,,,\n"
          "\x1elist_name,name,label\nyn,yes,Yes\n\x1eform_id,version\nf,1\n")
    for name, text in [
        ("sum.txt", "${a} + ${b} * 2 - count(${r}) div 3"),
        ("logic.txt", "selected(${c}, 'x') and not(${d} = '') or ${e} >= today()"),
        ("dates.txt", "format-date(date(${d}), '%Y-%m') != '' and decimal-date-time(now()) > 0"),
        ("deep.txt", "(" * 400 + "1" + ")" * 400),
        ("signs.txt", "-" * 400 + "1"),
        ("strings.txt", "concat('a', \"b\", substr(${s}, 1, 3), string-length(.))"),
    ]:
        write("expr", name, text)
    header = "record_id,given_name,surname,full_name,date_of_birth,sex,nationality,passport_number\n"
    write("register", "workers.csv", header +
          "r1,Ram,Bahadur,,1990-04-01,M,NP,PA1234567\n"
          "r2,Ana,\"Petrović, Jr\",,1985,F,RS,\n"
          "r3,,,Md. Karim Uddin,1988-13-45,X,BD,BX 99-88\r\n"
          "r4,Ђорђе,Јовановић,,0000-00-00,,RS,\"C1\"\"2\"\n")
    write("register", "bad-line.csv", header + "r1,a,b\n")
    for name, text in [
        ("notes.md", "**Agreed**: more checks.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[link](https://example.org)"),
        ("html.md", "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"),
        ("quotes.md", "> " * 20_000 + "deep"),
        ("lists.md", "".join("  " * i + "- item\n" for i in range(200))),
        ("brackets.md", "[" * 20_000 + "x" + "]" * 20_000 + "(y)"),
        ("emphasis.md", "*a **b " * 10_000),
    ]:
        write("markdown", name, text)


if __name__ == "__main__":
    main()
