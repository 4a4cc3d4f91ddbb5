// PavedPolicy — see README.
