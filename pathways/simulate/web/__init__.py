"""The simulator in the hub (Django): managers run it in the background with
their own settings and read the results as tables and charts. The simulator
itself (the package above) imports nothing from here or from Django."""
