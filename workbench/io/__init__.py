"""Stage 2, reading and writing: article files (:mod:`workbench.io.articles`), corpora
(:mod:`workbench.io.corpus`), the one reader of both (:mod:`workbench.io.reader`), labelled
paragraphs (:mod:`workbench.io.labelled`), score tables (:mod:`workbench.io.tables`)."""
