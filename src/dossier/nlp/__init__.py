"""Language pipelines: spaCy for English, a Natasha-backed spaCy Language for Russian.

Both languages run the same dossier components (places, quantities, dates, entities, quotes,
events), each a spaCy factory in its own module; they read and write the Doc extensions declared
in :mod:`dossier.nlp.extensions`.
"""
