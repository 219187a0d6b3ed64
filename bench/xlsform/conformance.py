"""Compares what Pathways and pyxform (the reference XLSForm converter) accept.

Each case is a small XLSForm written with openpyxl (installed with pyxform). pyxform runs with its
internal checks only (ODK Validate needs Java); Pathways runs `pathways questionnaire inspect`. A
case passes when both accept it or both refuse it. Cases marked `stricter` are refused by Pathways
on purpose although pyxform alone accepts them (ODK Validate or the ODK clients refuse them too),
and count as passing when Pathways refuses them.

Usage: python conformance.py PATHWAYS_BINARY WORK_DIR
"""
import json
import os
import subprocess
import sys

import openpyxl

S = ["type", "name", "label"]
YN = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]

CASES = [
    # (name, survey rows (first row = header), choices rows or None, settings rows or None, expectation)
    ("minimal", [S, ["text", "a", "A"]], None, None, "accept"),
    ("all_basic_types", [S, ["text", "t", "T"], ["integer", "i", "I"], ["decimal", "d", "D"], ["date", "dt", "Date"],
                         ["time", "tm", "Time"], ["dateTime", "dtt", "DT"], ["note", "n", "Note"], ["acknowledge", "ack", "Ack"],
                         ["calculate", "c", "", ], ["range", "r", "R"]], None, None, "stricter"),  # calculate without calculation
    ("calculate_with_calc", [S + ["calculation"], ["integer", "a", "A", ""], ["calculate", "c", "", "${a} * 2"]], None, None, "accept"),
    ("selects_or_other", [S, ["select_one yn or_other", "q", "Q"], ["select_multiple yn", "m", "M"]],
     [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]], None, "accept"),
    ("select_all_that_apply", [S, ["select all that apply yn", "m", "M"]], [["list_name", "name", "label"], ["yn", "yes", "Yes"]], None, "accept"),
    ("groups_and_nested_repeats", [S + ["repeat_count"], ["begin group", "g", "G", ""], ["begin repeat", "r", "R", ""],
                                   ["text", "a", "A", ""], ["begin repeat", "r2", "R2", ""], ["integer", "b", "B", ""],
                                   ["end repeat", "", "", ""], ["end repeat", "", "", ""], ["end group", "", "", ""]], None, None, "accept"),
    ("multilingual", [["type", "name", "label::English (en)", "label::Shqip (sq)", "hint::English (en)"],
                      ["text", "a", "Name", "Emri", "Full name"]], None,
     [["form_title", "form_id", "version", "default_language"], ["T", "t", "1", "English (en)"]], "accept"),
    ("choice_filter", [S + ["choice_filter"], ["select_one c", "country", "Country", ""], ["select_one city", "city", "City", "country = ${country}"]],
     [["list_name", "name", "label", "country"], ["c", "al", "Albania", ""], ["city", "tirana", "Tirana", "al"]], None, "accept"),
    ("metadata_and_media", [S, ["start", "start", ""], ["end", "end", ""], ["deviceid", "deviceid", ""], ["geopoint", "gp", "Where"],
                            ["image", "img", "Photo"], ["audio", "aud", "Audio"], ["barcode", "bc", "Code"]], None, None, "accept"),
    ("select_from_file", [S, ["select_one_from_file sites.csv", "site", "Site"]], None, None, "accept"),
    ("unknown_column_kept", [S + ["x_custom"], ["text", "a", "A", "kept"]], None, None, "accept"),
    ("relevant_and_constraint", [S + ["relevant", "constraint", "constraint_message"], ["integer", "age", "Age", "", ". >= 0 and . < 130", "0-129"],
                                 ["text", "why", "Why", "${age} > 60", "", ""]], None, None, "accept"),
    ("repeat_count_ref", [S + ["repeat_count"], ["integer", "n", "N", ""], ["begin repeat", "r", "R", "${n}"], ["text", "a", "A", ""], ["end repeat", "", "", ""]], None, None, "accept"),
    # Refused by pyxform.
    ("duplicate_sibling_names", [S, ["text", "a", "A"], ["text", "a", "A2"]], None, None, "refuse"),
    ("unknown_list", [S, ["select_one nolist", "q", "Q"]], [["list_name", "name", "label"], ["yn", "yes", "Yes"]], None, "refuse"),
    ("unclosed_group", [S, ["begin group", "g", "G"], ["text", "a", "A"]], None, None, "refuse"),
    ("unmatched_end", [S, ["text", "a", "A"], ["end group", "", ""]], None, None, "refuse"),
    ("end_repeat_closes_group", [S, ["begin group", "g", "G"], ["text", "a", "A"], ["end repeat", "", ""]], None, None, "refuse"),
    ("unknown_reference", [S + ["relevant"], ["text", "a", "A", "${nobody} = 1"]], None, None, "refuse"),
    ("unknown_type", [S, ["textt", "a", "A"]], None, None, "refuse"),
    ("bad_name", [S, ["text", "a b", "A"]], None, None, "refuse"),
    ("missing_name", [S, ["text", "", "A"]], None, None, "refuse"),
    ("no_name_column", [["type", "label"], ["text", "A"]], None, None, "refuse"),
    ("duplicate_choice", [S, ["select_one yn", "q", "Q"]], [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "yes", "Yes again"]], None, "refuse"),
    ("missing_label", [S, ["text", "a", ""]], None, None, "refuse"),
    # Classes pyxform accepts that real forms use (issue 19): aliases, legacy syntax, unnamed notes,
    # unlabelled choices, typographic quotes.
    ("alias_gps", [S, ["gps", "where", "Where"]], None, None, "accept"),
    ("alias_imei", [S, ["imei", "imei", ""]], None, None, "accept"),
    ("alias_uri_deviceid", [S, ["uri:deviceid", "dev", ""]], None, None, "accept"),
    ("legacy_select_one_from", [S, ["select one from yn", "q", "Q"]], YN, None, "accept"),
    ("legacy_select_multiple_from", [S, ["select all that apply from yn", "q", "Q"]], YN, None, "accept"),
    ("label_single_colon", [["type", "name", "label:English", "label:French"], ["text", "a", "Name", "Nom"]], None, None, "accept"),
    ("note_without_name", [S, ["note", "", "Read this"]], None, None, "accept"),
    ("choice_without_label", [S, ["select_one yn", "q", "Q"]], [["list_name", "name", "label"], ["yn", "yes", ""], ["yn", "no", "No"]], None, "accept"),
    ("typographic_quotes", [S + ["relevant"], ["text", "a", "A", ""], ["text", "b", "B", "${a} = \u201cyes\u201d"]], None, None, "accept"),
    ("select_from_earlier_answer", [S, ["select_multiple yn", "m", "M"], ["select_one ${m}", "q", "Q"]], YN, None, "accept"),
    ("last_saved", [S + ["default"], ["text", "a", "A", "${last-saved#a}"]], None, None, "accept"),
    ("non_ascii_string", [S + ["relevant"], ["text", "a", "A", ""], ["text", "b", "B", "${a} = 'Šta'"]], None, None, "accept"),
    ("required_only_row", [["type", "name", "label", "required"], ["text", "a", "A", "yes"], ["", "", "", "yes"]], None, None, "accept"),
    # Names, parameters and references pyxform refuses beyond structure.
    ("reserved_meta", [S, ["text", "meta", "M"]], None, None, "refuse"),
    ("repeat_names_unique", [S, ["begin repeat", "r", "R"], ["text", "a", "A"], ["end repeat", "", ""], ["begin group", "g", "G"],
                             ["begin repeat", "r", "R2"], ["text", "b", "B"], ["end repeat", "", ""], ["end group", "", ""]], None, None, "refuse"),
    ("range_step_zero", [S + ["parameters"], ["range", "r", "R", "start=0;end=10;step=0"]], None, None, "refuse"),
    ("range_bad_param", [S + ["parameters"], ["range", "r", "R", "start=0 end=10 step=x"]], None, None, "refuse"),
    ("range_unknown_param", [S + ["parameters"], ["range", "r", "R", "foo=1"]], None, None, "refuse"),
    ("range_ok", [S + ["parameters"], ["range", "r", "R", "start=0 end=10 step=2"]], None, None, "accept"),
    ("image_max_pixels_bad", [S + ["parameters"], ["image", "i", "I", "max-pixels=abc"]], None, None, "refuse"),
    ("audio_quality_bad", [S + ["parameters"], ["audio", "a", "A", "quality=super"]], None, None, "refuse"),
    ("geopoint_capture_accuracy_bad", [S + ["parameters"], ["geopoint", "g", "G", "capture-accuracy=x"]], None, None, "refuse"),
    ("randomize_bad", [S + ["parameters"], ["select_one yn", "q", "Q", "randomize=maybe"]], YN, None, "refuse"),
    ("seed_without_randomize", [S + ["parameters"], ["select_one yn", "q", "Q", "seed=3"]], YN, None, "refuse"),
    ("choice_label_reference", [S, ["text", "a", "A"], ["select_one yn", "q", "Q"]], [["list_name", "name", "label"], ["yn", "yes", "Yes ${nope}"]], None, "refuse"),
    ("instance_name_reference", [S, ["text", "a", "A"]], None, [["instance_name"], ["concat(${nope})"]], "refuse"),
    ("settings_bad_name", [S, ["text", "a", "A"]], None, [["name"], ["bad name"]], "refuse"),
    ("group_named_like_root", [S, ["begin group", "data", "G"], ["text", "a", "A"], ["end group", "", ""]], None, [["form_id"], ["data"]], "accept"),
    # Refused by Pathways (and by ODK Validate), accepted by pyxform alone.
    ("expression_syntax_error", [S + ["relevant"], ["integer", "a", "A", ""], ["text", "b", "B", "${a} >"]], None, None, "stricter"),
]


def write(path, survey, choices, settings):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in survey:
        ws.append(row)
    if choices:
        c = wb.create_sheet("choices")
        for row in choices:
            c.append(row)
    if settings:
        s = wb.create_sheet("settings")
        for row in settings:
            s.append(row)
    wb.save(path)


def pyxform_accepts(path):
    from pyxform.xls2xform import xls2xform_convert
    try:
        xls2xform_convert(xlsform_path=path, xform_path=path + ".xml", validate=False)
        return True, ""
    except Exception as e:  # noqa: BLE001 - any refusal counts
        return False, str(e).splitlines()[0] if str(e) else type(e).__name__


def main():
    binary, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    failures = 0
    for name, survey, choices, settings, expect in CASES:
        path = os.path.join(work, name + ".xlsx")
        write(path, survey, choices, settings)
        py_ok, py_why = pyxform_accepts(path)
        r = subprocess.run([binary, "questionnaire", "inspect", path], capture_output=True, text=True)
        pw_ok = r.returncode == 0
        pw_why = "" if pw_ok else (r.stderr.strip().splitlines() or [""])[-1].strip()
        if expect == "stricter":
            ok = not pw_ok
        else:
            ok = py_ok == pw_ok
        failures += 0 if ok else 1
        verdict = "ok  " if ok else "FAIL"
        print(f"{verdict} {name:28} pyxform {'accepts' if py_ok else 'refuses'}; pathways {'accepts' if pw_ok else 'refuses'}"
              + (f"  [pyxform: {py_why[:90]}]" if not py_ok else "") + (f"  [pathways: {pw_why[:90]}]" if not pw_ok else ""))
    print(json.dumps({"cases": len(CASES), "failures": failures}))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
