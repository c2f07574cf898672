"""Stage 1, text: paragraphs and sentences (:mod:`workbench.text.segment`) and the exact
untrained Punkt sentence splitter it uses (:mod:`workbench.text.punkt`)."""
