"""Stage 2, reading and writing: article files (:mod:`workbench.io.articles`), corpora
(:mod:`workbench.io.corpus`), labelled paragraphs (:mod:`workbench.io.labelled`), score
tables (:mod:`workbench.io.tables`, :mod:`workbench.io.table_writer`)."""
