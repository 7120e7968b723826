"""Allow ``python -m classifier`` as an alias of the ``crimerec`` command."""

from classifier.cli import main

if __name__ == "__main__":
    main()
