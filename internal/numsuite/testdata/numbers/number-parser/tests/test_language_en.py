@pytest.mark.parametrize(
    "test_input,expected",
    [
        ("forty one", 41),
        ("one hundred \
            and six", 106),
        ("3 4", None),
        ("thirty four cows", "34 cows"),
    ],
)
def test_parse_number(expected, test_input):
    pass
