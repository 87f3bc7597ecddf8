"""Center-expansion planner for Korea's Employment-Welfare Plus Centers (고용복지+센터).

The package is a pipeline: regions/sources -> demand -> travel -> optimize -> present.
Nothing in it imports Streamlit except :mod:`planning.ui`.
"""

__version__ = "0.1.0"
