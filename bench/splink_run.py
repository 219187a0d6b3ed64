"""Runs Splink (DuckDB backend) on a pair of generated worker registers, with a good-faith
configuration of the kind its documentation recommends, and writes left_id,right_id,
match_probability for pairs at or above the threshold.

Usage: python splink_run.py LEFT.csv RIGHT.csv OUT.csv [--threshold 0.5]
Prints the time of each phase and the total on standard error.
"""
import sys
import time

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on


def main():
    left, right, out = sys.argv[1:4]
    threshold = float(sys.argv[sys.argv.index("--threshold") + 1]) if "--threshold" in sys.argv else 0.5
    t0 = time.time()
    con = duckdb.connect()
    # DuckDB spills to disk beside the output, not into the working directory.
    import os
    con.execute(f"SET temp_directory = '{os.path.join(os.path.dirname(os.path.abspath(out)), 'duckdb-tmp')}'")
    # Standard cleaning: lower case, accents stripped, punctuation removed; a full-name column is
    # split into forename and surname; both date formats parsed; passports upper-cased.
    for name, path in (("reg_left_raw", left), ("reg_right_raw", right)):
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', all_varchar=true, header=true)")
        con.execute(
            f"""
            CREATE TABLE {name[:-4]} AS
            WITH c AS (
              SELECT record_id,
                     regexp_replace(lower(strip_accents(coalesce(given_name, ''))), '[^a-z\\p{{L}} ]', '', 'g') AS g,
                     regexp_replace(lower(strip_accents(coalesce(surname, ''))), '[^a-z\\p{{L}} ]', '', 'g') AS s,
                     regexp_replace(lower(strip_accents(coalesce(full_name, ''))), '[^a-z\\p{{L}} ]', '', 'g') AS f,
                     coalesce(try_strptime(date_of_birth, '%Y-%m-%d'), try_strptime(date_of_birth, '%d.%m.%Y'))::DATE AS dob,
                     nullif(upper(sex), '') AS sex,
                     nullif(nationality, '') AS nationality,
                     nullif(regexp_replace(upper(coalesce(passport_number, '')), '[^A-Z0-9]', '', 'g'), '') AS passport
              FROM {name})
            , n AS (
              SELECT record_id,
                     nullif(trim(CASE WHEN g <> '' OR s <> '' THEN g ELSE split_part(f, ' ', 2) END), '') AS first_name,
                     nullif(trim(CASE WHEN g <> '' OR s <> '' THEN s ELSE split_part(f, ' ', 1) END), '') AS surname,
                     dob, sex, nationality, passport
              FROM c)
            -- Splink's documentation recommends a forename-and-surname column, so that term
            -- frequencies apply to the full name: many different people here share a name such
            -- as "Md Rahman".
            SELECT record_id, first_name, surname,
                   nullif(concat_ws(' ', first_name, surname), '') AS first_name_surname,
                   dob, sex, nationality, passport,
                   year(dob) AS dob_year
            FROM n
            """
        )
    db = DuckDBAPI(connection=con)
    df_l = db.register("reg_left", dataset_display_name="left")
    df_r = db.register("reg_right", dataset_display_name="right")
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="record_id",
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name", "surname", forename_surname_concat_col_name="first_name_surname"
            ),
            cl.DateOfBirthComparison("dob", input_is_string=False),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nationality"),
            cl.LevenshteinAtThresholds("passport", [1, 2]),
        ],
        # Rules chosen so that comparisons stay within what a 2-core machine can do at 1M × 1M:
        # looser ones (surname and birth year, forename and surname) produce hundreds of millions
        # of comparisons on registers with very common names.
        blocking_rules_to_generate_predictions=[
            block_on("passport"),
            block_on("first_name", "surname", "dob_year"),
            block_on("first_name", "dob"),
            block_on("surname", "dob"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([df_l, df_r], settings)
    t1 = time.time()
    linker.training.estimate_probability_two_random_records_match([block_on("passport", "dob")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("passport"))
    # Surname with birth date trains the passport comparison (the first pass trained the others).
    # Looser rules explode on these registers: birth date with nationality gives 61 million pairs
    # at 1M × 1M (1 January placeholders) and its EM alone took 400 s; birth date alone, 283 million.
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname", "dob"))
    t2 = time.time()
    pred = linker.inference.predict(threshold_match_probability=threshold)
    con.execute(
        f"""
        COPY (SELECT CASE WHEN source_dataset_l = 'left' THEN record_id_l ELSE record_id_r END AS left_id,
                     CASE WHEN source_dataset_l = 'left' THEN record_id_r ELSE record_id_l END AS right_id,
                     match_probability
              FROM {pred.physical_name}) TO '{out}' (HEADER, DELIMITER ',')
        """
    )
    t3 = time.time()
    print(f"splink: load {t1 - t0:.2f} s, train {t2 - t1:.2f} s, predict {t3 - t2:.2f} s, total {t3 - t0:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
