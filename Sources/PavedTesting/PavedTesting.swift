// PavedTesting — see README.
