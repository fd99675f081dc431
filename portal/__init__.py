"""Project-level tools around Pelican: the build runner editors meet in the terminal."""
