x = 'ab\Nab'
